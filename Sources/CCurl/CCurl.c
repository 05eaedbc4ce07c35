#include "CCurl.h"

CURLcode ccurl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}

CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_read_function(CURL *handle, CURLoption option, curl_read_callback value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

#ifdef __linux__
#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

struct ccurl_loop {
    CURLM *multi;
    int epoll;
    int wake;
    int has_deadline;
    struct timespec deadline;
};

static struct timespec ccurl_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now;
}

/// curl says which sockets to watch, and for what.
static int ccurl_loop_socket(CURL *easy, curl_socket_t socket, int what, void *user, void *socket_user) {
    (void)easy;
    ccurl_loop *loop = user;
    if (what == CURL_POLL_REMOVE) {
        // A socket already closed has left the epoll set by itself: ENOENT/EBADF are fine.
        epoll_ctl(loop->epoll, EPOLL_CTL_DEL, socket, NULL);
        return 0;
    }
    struct epoll_event event = {0};
    event.events = ((what & CURL_POLL_IN) ? EPOLLIN : 0) | ((what & CURL_POLL_OUT) ? EPOLLOUT : 0);
    event.data.fd = socket;
    // curl keeps a pointer per watched socket and forgets it on REMOVE: non-NULL means the
    // socket is in the epoll set already. Should the set disagree (a number reused after a
    // close curl did not report), the other operation is tried.
    int first = socket_user != NULL ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    if (epoll_ctl(loop->epoll, first, socket, &event) != 0) {
        int second = first == EPOLL_CTL_MOD ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
        if ((errno != ENOENT && errno != EEXIST) || epoll_ctl(loop->epoll, second, socket, &event) != 0) return -1;
    }
    if (socket_user == NULL) curl_multi_assign(loop->multi, socket, loop);
    return 0;
}

/// curl says when it next needs to act without socket activity (-1: no timer).
static int ccurl_loop_timer(CURLM *multi, long timeout_ms, void *user) {
    (void)multi;
    ccurl_loop *loop = user;
    if (timeout_ms < 0) {
        loop->has_deadline = 0;
        return 0;
    }
    struct timespec deadline = ccurl_now();
    deadline.tv_sec += timeout_ms / 1000;
    deadline.tv_nsec += (timeout_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec += 1;
        deadline.tv_nsec -= 1000000000L;
    }
    loop->deadline = deadline;
    loop->has_deadline = 1;
    return 0;
}

/// Milliseconds until the timer, rounded up so that it has passed when the wait ends; 0 if due.
static int ccurl_loop_until_deadline(const ccurl_loop *loop) {
    struct timespec now = ccurl_now();
    long long ns = (long long)(loop->deadline.tv_sec - now.tv_sec) * 1000000000LL + (loop->deadline.tv_nsec - now.tv_nsec);
    if (ns <= 0) return 0;
    long long ms = (ns + 999999LL) / 1000000LL;
    return ms > 1000000 ? 1000000 : (int)ms;
}

ccurl_loop *ccurl_loop_create(CURLM *multi) {
    ccurl_loop *loop = calloc(1, sizeof *loop);
    if (loop == NULL) return NULL;
    loop->multi = multi;
    loop->epoll = epoll_create1(EPOLL_CLOEXEC);
    loop->wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    struct epoll_event event = {0};
    event.events = EPOLLIN;
    event.data.fd = loop->wake;
    if (loop->epoll < 0 || loop->wake < 0 || epoll_ctl(loop->epoll, EPOLL_CTL_ADD, loop->wake, &event) != 0) {
        if (loop->epoll >= 0) close(loop->epoll);
        if (loop->wake >= 0) close(loop->wake);
        free(loop);
        return NULL;
    }
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, ccurl_loop_socket);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, loop);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, ccurl_loop_timer);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, loop);
    return loop;
}

CURLMcode ccurl_loop_run_once(ccurl_loop *loop, int max_wait_ms) {
    int wait = max_wait_ms;
    if (loop->has_deadline) {
        int until = ccurl_loop_until_deadline(loop);
        if (until < wait) wait = until;
    }
    struct epoll_event events[64];
    int count = epoll_wait(loop->epoll, events, 64, wait);
    CURLMcode first = CURLM_OK;
    int running = 0;
    for (int i = 0; i < count; i++) {
        int fd = events[i].data.fd;
        if (fd == loop->wake) {
            // One read takes the whole counter and resets it.
            uint64_t value;
            (void)!read(loop->wake, &value, sizeof value);
            continue;
        }
        uint32_t ready = events[i].events;
        int mask = ((ready & EPOLLIN) ? CURL_CSELECT_IN : 0) | ((ready & EPOLLOUT) ? CURL_CSELECT_OUT : 0);
        // An error or hang-up is left for the read or write to report, as poll would.
        if (ready & (EPOLLERR | EPOLLHUP)) mask |= CURL_CSELECT_IN | CURL_CSELECT_OUT;
        CURLMcode code = curl_multi_socket_action(loop->multi, fd, mask, &running);
        if (first == CURLM_OK) first = code;
    }
    if (loop->has_deadline && ccurl_loop_until_deadline(loop) == 0) {
        loop->has_deadline = 0;
        CURLMcode code = curl_multi_socket_action(loop->multi, CURL_SOCKET_TIMEOUT, 0, &running);
        if (first == CURLM_OK) first = code;
    }
    return first;
}

void ccurl_loop_wake(ccurl_loop *loop) {
    uint64_t one = 1;
    // EAGAIN means the counter is already non-zero: a wake-up is pending either way.
    (void)!write(loop->wake, &one, sizeof one);
}

void ccurl_loop_free(ccurl_loop *loop) {
    close(loop->epoll);
    close(loop->wake);
    free(loop);
}

#else
#include <stdlib.h>

struct ccurl_loop {
    CURLM *multi;
};

ccurl_loop *ccurl_loop_create(CURLM *multi) {
    ccurl_loop *loop = calloc(1, sizeof *loop);
    if (loop != NULL) loop->multi = multi;
    return loop;
}

CURLMcode ccurl_loop_run_once(ccurl_loop *loop, int max_wait_ms) {
    int running = 0;
    CURLMcode code = curl_multi_poll(loop->multi, NULL, 0, max_wait_ms, NULL);
    CURLMcode performed = curl_multi_perform(loop->multi, &running);
    return code != CURLM_OK ? code : performed;
}

void ccurl_loop_wake(ccurl_loop *loop) {
    curl_multi_wakeup(loop->multi);
}

void ccurl_loop_free(ccurl_loop *loop) {
    free(loop);
}

#endif
