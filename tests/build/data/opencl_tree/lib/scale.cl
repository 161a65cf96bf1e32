#ifdef CUDAPORT_NO_SVM
#define CP_OFF(name) , ulong name##_cpoff
#define CP_ADJ(T, name) name = (T)((__global char*)(name) + name##_cpoff);
#else
#define CP_OFF(name)
#define CP_ADJ(T, name)
#endif

__kernel void scale(__global float* p CP_OFF(p), float factor) {
    CP_ADJ(__global float*, p)
    p[get_global_id(0)] *= factor;
}
