// Plain C++ with no CUDA in it: copied unchanged, not part of the counts.
int add(int a, int b)
{
    return a + b;
}
