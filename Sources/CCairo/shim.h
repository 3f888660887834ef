#ifndef OKRD_CCAIRO_SHIM_H
#define OKRD_CCAIRO_SHIM_H
// cairo's image surfaces and PNG writer, for radar charts (libcairo2-dev).
#include <cairo/cairo.h>
#endif
