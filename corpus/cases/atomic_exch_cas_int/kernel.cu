// atomicExch claims slots, atomicCAS sets a flag once, atomicSub/And/Or/Xor update a few words.
__global__ void claim(const int* owner, int n, int* slots, int* first_claim, unsigned int* words)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    int s = owner[i];
    atomicExch(&slots[s], 1);
    atomicCAS(&first_claim[s], -1, s * 2);
    atomicSub(&words[0], 1u);
    atomicOr(&words[1], 1u << (i % 32));
    atomicAnd(&words[2], ~(1u << (s % 32)));
    atomicXor(&words[3], (unsigned int)i);
}
