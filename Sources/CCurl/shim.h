#ifndef OKRD_CCURL_SHIM_H
#define OKRD_CCURL_SHIM_H

// Typed, non-variadic wrappers around libcurl's variadic option calls.
// Swift cannot call C variadic functions, so every option type gets its own
// static inline function here. Only the CurlHTTP module imports this.

#include <curl/curl.h>
#include <stdint.h>
#include <stddef.h>

// OpenSSL registers an at-exit handler that can crash a process whose other
// threads still hold TLS state. Asking it not to (as swift-corelibs-foundation
// does) needs the symbol only when libcurl is linked against OpenSSL, so it is
// declared weak: with another TLS backend it simply stays NULL.
extern int OPENSSL_init_crypto(uint64_t opts, const void *settings) __attribute__((weak));

static inline CURLcode ccurl_global_init(void) {
    if (OPENSSL_init_crypto) {
        OPENSSL_init_crypto(0x00080000L /* OPENSSL_INIT_NO_ATEXIT */, NULL);
    }
    return curl_global_init(CURL_GLOBAL_ALL);
}

typedef size_t (*ccurl_data_cb)(char *ptr, size_t size, size_t nmemb, void *userdata);

static inline CURLcode ccurl_easy_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_cstr(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_ptr(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_data_cb(CURL *h, CURLoption o, ccurl_data_cb v) {
    return curl_easy_setopt(h, o, v);
}

static inline CURLcode ccurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode ccurl_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode ccurl_easy_getinfo_ptr(CURL *h, CURLINFO i, void **v) {
    return curl_easy_getinfo(h, i, v);
}

static inline CURLMcode ccurl_multi_setopt_long(CURLM *m, CURLMoption o, long v) {
    return curl_multi_setopt(m, o, v);
}

// CURLMsg carries a union; Swift sees it awkwardly, so read it here.
static inline CURLcode ccurl_msg_result(const CURLMsg *msg) {
    return msg->data.result;
}
static inline int ccurl_msg_is_done(const CURLMsg *msg) {
    return msg->msg == CURLMSG_DONE;
}

#endif
