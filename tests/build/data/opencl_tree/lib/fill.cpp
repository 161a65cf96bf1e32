#include "lib/fill.h"

void fill_ramp(float* p, int n, float step) {
    for (int i = 0; i < n; ++i) p[i] = step * i;
}
