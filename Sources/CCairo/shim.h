#ifndef OKRD_CCAIRO_SHIM_H
#define OKRD_CCAIRO_SHIM_H
// cairo's image surfaces and PNG writer, for radar charts. Only cairo's header is needed at build
// time (libcairo2-dev); the library itself is loaded with dlopen the first time a chart is drawn,
// so the other commands and the daemon never map cairo and the ~15 libraries it pulls in
// (pixman, freetype, fontconfig, X11, ...: ~1.8 MB of resident memory).
#include <cairo/cairo.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

struct okrd_cairo_functions {
    int loaded;
    __typeof__(&cairo_image_surface_create) image_surface_create;
    __typeof__(&cairo_surface_destroy) surface_destroy;
    __typeof__(&cairo_create) create;
    __typeof__(&cairo_destroy) destroy;
    __typeof__(&cairo_set_source_rgb) set_source_rgb;
    __typeof__(&cairo_set_source_rgba) set_source_rgba;
    __typeof__(&cairo_paint) paint;
    __typeof__(&cairo_select_font_face) select_font_face;
    __typeof__(&cairo_set_line_width) set_line_width;
    __typeof__(&cairo_new_sub_path) new_sub_path;
    __typeof__(&cairo_arc) arc;
    __typeof__(&cairo_stroke) stroke;
    __typeof__(&cairo_move_to) move_to;
    __typeof__(&cairo_line_to) line_to;
    __typeof__(&cairo_close_path) close_path;
    __typeof__(&cairo_set_dash) set_dash;
    __typeof__(&cairo_fill_preserve) fill_preserve;
    __typeof__(&cairo_fill) fill;
    __typeof__(&cairo_surface_flush) surface_flush;
    __typeof__(&cairo_status) status;
    __typeof__(&cairo_status_to_string) status_to_string;
    __typeof__(&cairo_surface_write_to_png_stream) surface_write_to_png_stream;
    __typeof__(&cairo_set_font_size) set_font_size;
    __typeof__(&cairo_text_extents) text_extents;
    __typeof__(&cairo_show_text) show_text;
    __typeof__(&cairo_rectangle) rectangle;
    __typeof__(&cairo_new_path) new_path;
    // Reading a PNG back (the tests compare charts with reviewed golden images by pixels).
    __typeof__(&cairo_image_surface_create_from_png) image_surface_create_from_png;
    __typeof__(&cairo_image_surface_get_data) image_surface_get_data;
    __typeof__(&cairo_image_surface_get_width) image_surface_get_width;
    __typeof__(&cairo_image_surface_get_height) image_surface_get_height;
    __typeof__(&cairo_image_surface_get_stride) image_surface_get_stride;
    __typeof__(&cairo_surface_status) surface_status;
};

static inline struct okrd_cairo_functions *okrd_cairo_table(void) {
    static struct okrd_cairo_functions table;
    return &table;
}

static inline void okrd_cairo_resolve(void) {
    struct okrd_cairo_functions *t = okrd_cairo_table();
    void *library = dlopen("libcairo.so.2", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return;
    if ((t->image_surface_create = (__typeof__(&cairo_image_surface_create))dlsym(library, "cairo_image_surface_create")) == NULL) return;
    if ((t->surface_destroy = (__typeof__(&cairo_surface_destroy))dlsym(library, "cairo_surface_destroy")) == NULL) return;
    if ((t->create = (__typeof__(&cairo_create))dlsym(library, "cairo_create")) == NULL) return;
    if ((t->destroy = (__typeof__(&cairo_destroy))dlsym(library, "cairo_destroy")) == NULL) return;
    if ((t->set_source_rgb = (__typeof__(&cairo_set_source_rgb))dlsym(library, "cairo_set_source_rgb")) == NULL) return;
    if ((t->set_source_rgba = (__typeof__(&cairo_set_source_rgba))dlsym(library, "cairo_set_source_rgba")) == NULL) return;
    if ((t->paint = (__typeof__(&cairo_paint))dlsym(library, "cairo_paint")) == NULL) return;
    if ((t->select_font_face = (__typeof__(&cairo_select_font_face))dlsym(library, "cairo_select_font_face")) == NULL) return;
    if ((t->set_line_width = (__typeof__(&cairo_set_line_width))dlsym(library, "cairo_set_line_width")) == NULL) return;
    if ((t->new_sub_path = (__typeof__(&cairo_new_sub_path))dlsym(library, "cairo_new_sub_path")) == NULL) return;
    if ((t->arc = (__typeof__(&cairo_arc))dlsym(library, "cairo_arc")) == NULL) return;
    if ((t->stroke = (__typeof__(&cairo_stroke))dlsym(library, "cairo_stroke")) == NULL) return;
    if ((t->move_to = (__typeof__(&cairo_move_to))dlsym(library, "cairo_move_to")) == NULL) return;
    if ((t->line_to = (__typeof__(&cairo_line_to))dlsym(library, "cairo_line_to")) == NULL) return;
    if ((t->close_path = (__typeof__(&cairo_close_path))dlsym(library, "cairo_close_path")) == NULL) return;
    if ((t->set_dash = (__typeof__(&cairo_set_dash))dlsym(library, "cairo_set_dash")) == NULL) return;
    if ((t->fill_preserve = (__typeof__(&cairo_fill_preserve))dlsym(library, "cairo_fill_preserve")) == NULL) return;
    if ((t->fill = (__typeof__(&cairo_fill))dlsym(library, "cairo_fill")) == NULL) return;
    if ((t->surface_flush = (__typeof__(&cairo_surface_flush))dlsym(library, "cairo_surface_flush")) == NULL) return;
    if ((t->status = (__typeof__(&cairo_status))dlsym(library, "cairo_status")) == NULL) return;
    if ((t->status_to_string = (__typeof__(&cairo_status_to_string))dlsym(library, "cairo_status_to_string")) == NULL) return;
    if ((t->surface_write_to_png_stream = (__typeof__(&cairo_surface_write_to_png_stream))dlsym(library, "cairo_surface_write_to_png_stream")) == NULL) return;
    if ((t->set_font_size = (__typeof__(&cairo_set_font_size))dlsym(library, "cairo_set_font_size")) == NULL) return;
    if ((t->text_extents = (__typeof__(&cairo_text_extents))dlsym(library, "cairo_text_extents")) == NULL) return;
    if ((t->show_text = (__typeof__(&cairo_show_text))dlsym(library, "cairo_show_text")) == NULL) return;
    if ((t->rectangle = (__typeof__(&cairo_rectangle))dlsym(library, "cairo_rectangle")) == NULL) return;
    if ((t->new_path = (__typeof__(&cairo_new_path))dlsym(library, "cairo_new_path")) == NULL) return;
    if ((t->image_surface_create_from_png = (__typeof__(&cairo_image_surface_create_from_png))dlsym(library, "cairo_image_surface_create_from_png")) == NULL) return;
    if ((t->image_surface_get_data = (__typeof__(&cairo_image_surface_get_data))dlsym(library, "cairo_image_surface_get_data")) == NULL) return;
    if ((t->image_surface_get_width = (__typeof__(&cairo_image_surface_get_width))dlsym(library, "cairo_image_surface_get_width")) == NULL) return;
    if ((t->image_surface_get_height = (__typeof__(&cairo_image_surface_get_height))dlsym(library, "cairo_image_surface_get_height")) == NULL) return;
    if ((t->image_surface_get_stride = (__typeof__(&cairo_image_surface_get_stride))dlsym(library, "cairo_image_surface_get_stride")) == NULL) return;
    if ((t->surface_status = (__typeof__(&cairo_surface_status))dlsym(library, "cairo_surface_status")) == NULL) return;
    t->loaded = 1;
}

/// Loads libcairo.so.2 once (thread-safe); 0 when it is not installed or lacks a function.
static inline int okrd_cairo_load(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, okrd_cairo_resolve);
    return okrd_cairo_table()->loaded;
}

// The functions okrd uses, through the table (call okrd_cairo_load first).
static inline cairo_surface_t *okrd_cairo_image_surface_create(cairo_format_t format, int width, int height) { return okrd_cairo_table()->image_surface_create(format, width, height); }
static inline void okrd_cairo_surface_destroy(cairo_surface_t *surface) { okrd_cairo_table()->surface_destroy(surface); }
static inline cairo_t *okrd_cairo_create(cairo_surface_t *target) { return okrd_cairo_table()->create(target); }
static inline void okrd_cairo_destroy(cairo_t *cr) { okrd_cairo_table()->destroy(cr); }
static inline void okrd_cairo_set_source_rgb(cairo_t *cr, double red, double green, double blue) { okrd_cairo_table()->set_source_rgb(cr, red, green, blue); }
static inline void okrd_cairo_set_source_rgba(cairo_t *cr, double red, double green, double blue, double alpha) { okrd_cairo_table()->set_source_rgba(cr, red, green, blue, alpha); }
static inline void okrd_cairo_paint(cairo_t *cr) { okrd_cairo_table()->paint(cr); }
static inline void okrd_cairo_select_font_face(cairo_t *cr, const char *family, cairo_font_slant_t slant, cairo_font_weight_t weight) { okrd_cairo_table()->select_font_face(cr, family, slant, weight); }
static inline void okrd_cairo_set_line_width(cairo_t *cr, double width) { okrd_cairo_table()->set_line_width(cr, width); }
static inline void okrd_cairo_new_sub_path(cairo_t *cr) { okrd_cairo_table()->new_sub_path(cr); }
static inline void okrd_cairo_arc(cairo_t *cr, double xc, double yc, double radius, double angle1, double angle2) { okrd_cairo_table()->arc(cr, xc, yc, radius, angle1, angle2); }
static inline void okrd_cairo_stroke(cairo_t *cr) { okrd_cairo_table()->stroke(cr); }
static inline void okrd_cairo_move_to(cairo_t *cr, double x, double y) { okrd_cairo_table()->move_to(cr, x, y); }
static inline void okrd_cairo_line_to(cairo_t *cr, double x, double y) { okrd_cairo_table()->line_to(cr, x, y); }
static inline void okrd_cairo_close_path(cairo_t *cr) { okrd_cairo_table()->close_path(cr); }
static inline void okrd_cairo_set_dash(cairo_t *cr, const double *dashes, int num_dashes, double offset) { okrd_cairo_table()->set_dash(cr, dashes, num_dashes, offset); }
static inline void okrd_cairo_fill_preserve(cairo_t *cr) { okrd_cairo_table()->fill_preserve(cr); }
static inline void okrd_cairo_fill(cairo_t *cr) { okrd_cairo_table()->fill(cr); }
static inline void okrd_cairo_surface_flush(cairo_surface_t *surface) { okrd_cairo_table()->surface_flush(surface); }
static inline cairo_status_t okrd_cairo_status(cairo_t *cr) { return okrd_cairo_table()->status(cr); }
static inline const char *okrd_cairo_status_to_string(cairo_status_t status) { return okrd_cairo_table()->status_to_string(status); }
static inline cairo_status_t okrd_cairo_surface_write_to_png_stream(cairo_surface_t *surface, cairo_write_func_t write_func, void *closure) { return okrd_cairo_table()->surface_write_to_png_stream(surface, write_func, closure); }
static inline void okrd_cairo_set_font_size(cairo_t *cr, double size) { okrd_cairo_table()->set_font_size(cr, size); }
static inline void okrd_cairo_text_extents(cairo_t *cr, const char *utf8, cairo_text_extents_t *extents) { okrd_cairo_table()->text_extents(cr, utf8, extents); }
static inline void okrd_cairo_show_text(cairo_t *cr, const char *utf8) { okrd_cairo_table()->show_text(cr, utf8); }
static inline void okrd_cairo_rectangle(cairo_t *cr, double x, double y, double width, double height) { okrd_cairo_table()->rectangle(cr, x, y, width, height); }
static inline void okrd_cairo_new_path(cairo_t *cr) { okrd_cairo_table()->new_path(cr); }
static inline cairo_surface_t *okrd_cairo_image_surface_create_from_png(const char *filename) { return okrd_cairo_table()->image_surface_create_from_png(filename); }
static inline unsigned char *okrd_cairo_image_surface_get_data(cairo_surface_t *surface) { return okrd_cairo_table()->image_surface_get_data(surface); }
static inline int okrd_cairo_image_surface_get_width(cairo_surface_t *surface) { return okrd_cairo_table()->image_surface_get_width(surface); }
static inline int okrd_cairo_image_surface_get_height(cairo_surface_t *surface) { return okrd_cairo_table()->image_surface_get_height(surface); }
static inline int okrd_cairo_image_surface_get_stride(cairo_surface_t *surface) { return okrd_cairo_table()->image_surface_get_stride(surface); }
static inline cairo_status_t okrd_cairo_surface_status(cairo_surface_t *surface) { return okrd_cairo_table()->surface_status(surface); }

#endif
