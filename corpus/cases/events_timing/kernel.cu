// Repeated launches timed with cudaEventRecord/cudaEventElapsedTime by the harness (timing: true).
__global__ void increment(int* counter_per_slot, int slots)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < slots) counter_per_slot[i] += i % 3 + 1;
}
