#ifndef CCURL_H
#define CCURL_H

#include <curl/curl.h>

// Swift cannot call C variadic functions, so each use of curl_easy_setopt, curl_easy_getinfo and
// curl_multi_setopt that the transport needs gets a typed, non-variadic wrapper here.

/// curl_global_init(CURL_GLOBAL_ALL): the macro is an expression Swift does not import.
CURLcode ccurl_global_init(void);

CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ccurl_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback value);
CURLcode ccurl_easy_setopt_read_function(CURL *handle, CURLoption option, curl_read_callback value);

CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);

CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

/// The event loop that drives a multi handle. On Linux it is curl's socket interface on epoll:
/// curl is told which socket is ready and runs only that transfer, where `curl_multi_perform`
/// runs every transfer and polls each one's socket once more, on every wake-up. Elsewhere it is
/// `curl_multi_perform` and `curl_multi_poll`.
typedef struct ccurl_loop ccurl_loop;

/// A loop for `multi`, which it configures (socket and timer callbacks); NULL when the system
/// refuses an epoll instance or an eventfd. Use it from one thread, except `ccurl_loop_wake`.
ccurl_loop *ccurl_loop_create(CURLM *multi);

/// Waits for socket activity, curl's next timer, a wake-up or `max_wait_ms`, whichever comes
/// first, and lets curl act on what happened. Finished transfers are then in
/// `curl_multi_info_read`. Returns the first error curl reported, CURLM_OK otherwise.
CURLMcode ccurl_loop_run_once(ccurl_loop *loop, int max_wait_ms);

/// Makes a `ccurl_loop_run_once` in progress (or the next one) return: safe from any thread.
void ccurl_loop_wake(ccurl_loop *loop);

/// Frees the loop; call after `curl_multi_cleanup`, which still calls the socket callback.
void ccurl_loop_free(ccurl_loop *loop);

#endif
