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

#endif
