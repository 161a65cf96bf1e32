// cuRAND's device API with the Philox4x32-10 generator: states initialised in one kernel (seed, subsequence per
// thread, an offset), kept in global memory, drawn from in a second kernel (raw outputs, uniforms, normals).
#include <curand_kernel.h>

__global__ void init_states(curandStatePhilox4_32_10_t* states, unsigned long long seed, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) curand_init(seed, i, 3, &states[i]);
}

__global__ void draw(curandStatePhilox4_32_10_t* states, unsigned int* raw, float* uni, float* nor, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    curandStatePhilox4_32_10_t s = states[i];
    for (int k = 0; k < 3; ++k) raw[3 * i + k] = curand(&s);
    for (int k = 0; k < 2; ++k) uni[2 * i + k] = curand_uniform(&s);
    for (int k = 0; k < 2; ++k) nor[2 * i + k] = curand_normal(&s);
    states[i] = s;
}
