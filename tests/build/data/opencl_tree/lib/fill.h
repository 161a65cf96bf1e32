#pragma once
void fill_ramp(float* p, int n, float step);
