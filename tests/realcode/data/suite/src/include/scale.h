// Shared header reached as ../include, as the suite's Makefiles do.
#pragma once
#define SCALE_A 2.5f
