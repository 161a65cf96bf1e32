#ifdef CUDAPORT_NO_SVM
#define CP_OFF(name) , ulong name##_cpoff
#define CP_ADJ(T, name) name = (T)((__global char*)(name) + name##_cpoff);
#else
#define CP_OFF(name)
#define CP_ADJ(T, name)
#endif

__kernel void vecadd(__global const float* a CP_OFF(a), __global const float* b CP_OFF(b),
                     __global float* c CP_OFF(c), int n) {
    CP_ADJ(__global const float*, a)
    CP_ADJ(__global const float*, b)
    CP_ADJ(__global float*, c)
    int i = get_global_id(0);
    if (i < n) c[i] = a[i] + b[i];
}
