/*
 * A tiny test harness: CHECK macros that count failures, and a runner that executes one named case
 * (as CTest registers them), every case, or verifies the number of cases CTest knows about.
 */
#ifndef VMBRING_CHECK_H
#define VMBRING_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);    \
            check_failures++;                                                           \
        }                                                                               \
    } while (0)

#define CHECK_EQ(actual, expected)                                                                  \
    do {                                                                                            \
        long long actual_ = (long long)(actual), expected_ = (long long)(expected);                 \
        if (actual_ != expected_) {                                                                 \
            fprintf(stderr, "%s:%d: %s is %lld (0x%llx), expected %s = %lld (0x%llx)\n", __FILE__,   \
                    __LINE__, #actual, actual_, (unsigned long long)actual_, #expected, expected_,  \
                    (unsigned long long)expected_);                                                 \
            check_failures++;                                                                       \
        }                                                                                           \
    } while (0)

#define CHECK_STR(actual, expected)                                                                 \
    do {                                                                                            \
        const char *actual_ = (actual), *expected_ = (expected);                                    \
        if (!actual_ || !expected_ ? actual_ != expected_ : strcmp(actual_, expected_) != 0) {      \
            fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #actual,  \
                    actual_ ? actual_ : "(null)", expected_ ? expected_ : "(null)");                \
            check_failures++;                                                                       \
        }                                                                                           \
    } while (0)

#define CHECK_MEM(actual, expected, length)                                                         \
    do {                                                                                            \
        const unsigned char *a_ = (const unsigned char *)(actual), *e_ = (const unsigned char *)(expected); \
        size_t n_ = (length);                                                                       \
        for (size_t i_ = 0; i_ < n_; i_++)                                                          \
            if (a_[i_] != e_[i_]) {                                                                 \
                fprintf(stderr, "%s:%d: %s differs from %s at byte %zu: %02x, expected %02x\n",     \
                        __FILE__, __LINE__, #actual, #expected, i_, a_[i_], e_[i_]);                \
                check_failures++;                                                                   \
                break;                                                                              \
            }                                                                                       \
    } while (0)

struct test_case {
    const char *name;
    void (*run)(void);
};

/* argv: none = every case; "<name>" = that case; "--count N" = fails unless there are N cases. */
static inline int run_cases(const struct test_case *cases, size_t count, int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--count") == 0) {
        if ((size_t)strtoul(argv[2], NULL, 10) == count) return 0;
        fprintf(stderr, "the test binary has %zu cases, CMake registers %s\n", count, argv[2]);
        return 1;
    }
    int ran = 0;
    for (size_t i = 0; i < count; i++) {
        if (argc > 1 && strcmp(argv[1], cases[i].name) != 0) continue;
        int before = check_failures;
        cases[i].run();
        ran++;
        printf("%s %s\n", check_failures == before ? "ok  " : "FAIL", cases[i].name);
    }
    if (ran == 0) {
        fprintf(stderr, "no case named %s\n", argc > 1 ? argv[1] : "(any)");
        return 1;
    }
    return check_failures == 0 ? 0 : 1;
}

#endif
