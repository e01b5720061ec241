/*
 * The one native layer of Pollen's JNI backends (select.c, poll.c, epoll.c). Header-only on purpose:
 * each backend is one self-contained .so, so every function here is static and each library gets its
 * own copy. Besides helpers, it holds the natives every library shares (eventfd, close, descriptor
 * numbers, buffer addresses, strerror), bound to io.pollen.reactor.internal.NativeIo, and the
 * JNI_OnLoad every library runs (POLLEN_JNI_LIBRARY at the end of each backend's .c).
 *
 * Conventions for every native method of the backends:
 *   - a negative return value is -errno; the Java wrapper throws an IOException naming the call;
 *   - no Java object or exception is created on the hot path (waiting, control operations);
 *   - arrays travel as the address of a direct buffer allocated by Java.
 */
#ifndef POLLEN_NATIVE_H
#define POLLEN_NATIVE_H

#include <errno.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <jni.h>

/* Readiness bits as Java sees them. Keep in sync with io.pollen.reactor.spi.Interest. */
#define POLLEN_READ    1
#define POLLEN_WRITE   2
#define POLLEN_ACCEPT  4
#define POLLEN_CONNECT 8
#define POLLEN_ALL     (POLLEN_READ | POLLEN_WRITE | POLLEN_ACCEPT | POLLEN_CONNECT)

/* Interest bits that the kernel watches as "readable" and as "writable". */
#define POLLEN_INPUT_BITS  (POLLEN_READ | POLLEN_ACCEPT)
#define POLLEN_OUTPUT_BITS (POLLEN_WRITE | POLLEN_CONNECT)

#define POLLEN_UNUSED(x) ((void) (x))

/*
 * Where the descriptor number of a JDK channel lives. OpenJDK's socket channel classes keep it in a
 * private int field "fdVal" (Java 17 to 25 at least) and, redundantly, in a FileDescriptor "fd";
 * JNI is not bound by module encapsulation, so no --add-opens is needed. The IDs are resolved once,
 * in JNI_OnLoad, for the two classes Pollen registers; any other class takes the slow path.
 */
typedef struct {
    jclass clazz;        /* global reference, or NULL if the class was not found */
    jfieldID fd_val;     /* int fdVal, or NULL */
    jfieldID fd_object;  /* FileDescriptor fd, used when fdVal is missing */
} pollen_fd_field;

static pollen_fd_field pollen_socket_channel_fd;
static pollen_fd_field pollen_server_channel_fd;
static jfieldID pollen_file_descriptor_fd; /* java.io.FileDescriptor.fd */

/* Clears a pending exception (such as NoSuchFieldError) and reports whether there was one. */
static inline int pollen_clear_exception(JNIEnv *env) {
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionClear(env);
        return 1;
    }
    return 0;
}

static inline void pollen_resolve_fd_fields(JNIEnv *env, jclass clazz, pollen_fd_field *out) {
    out->clazz = NULL;
    out->fd_val = (*env)->GetFieldID(env, clazz, "fdVal", "I");
    if (pollen_clear_exception(env)) {
        out->fd_val = NULL;
    }
    out->fd_object = (*env)->GetFieldID(env, clazz, "fd", "Ljava/io/FileDescriptor;");
    if (pollen_clear_exception(env)) {
        out->fd_object = NULL;
    }
}

static inline void pollen_cache_channel_class(JNIEnv *env, const char *name, pollen_fd_field *out) {
    out->clazz = NULL;
    out->fd_val = NULL;
    out->fd_object = NULL;
    jclass local = (*env)->FindClass(env, name);
    if (local == NULL) {
        pollen_clear_exception(env);
        return;
    }
    pollen_resolve_fd_fields(env, local, out);
    out->clazz = (jclass) (*env)->NewGlobalRef(env, local);
    (*env)->DeleteLocalRef(env, local);
}

/* Called from JNI_OnLoad. Returns 0, or -1 if java.io.FileDescriptor has no int "fd" field. */
static inline int pollen_init_fd_access(JNIEnv *env) {
    jclass descriptor = (*env)->FindClass(env, "java/io/FileDescriptor");
    if (descriptor == NULL) {
        pollen_clear_exception(env);
        return -1;
    }
    pollen_file_descriptor_fd = (*env)->GetFieldID(env, descriptor, "fd", "I");
    (*env)->DeleteLocalRef(env, descriptor);
    if (pollen_clear_exception(env) || pollen_file_descriptor_fd == NULL) {
        return -1;
    }
    pollen_cache_channel_class(env, "sun/nio/ch/SocketChannelImpl", &pollen_socket_channel_fd);
    pollen_cache_channel_class(env, "sun/nio/ch/ServerSocketChannelImpl", &pollen_server_channel_fd);
    return 0;
}

static inline void pollen_release_fd_access(JNIEnv *env) {
    if (pollen_socket_channel_fd.clazz != NULL) {
        (*env)->DeleteGlobalRef(env, pollen_socket_channel_fd.clazz);
        pollen_socket_channel_fd.clazz = NULL;
    }
    if (pollen_server_channel_fd.clazz != NULL) {
        (*env)->DeleteGlobalRef(env, pollen_server_channel_fd.clazz);
        pollen_server_channel_fd.clazz = NULL;
    }
}

/* The descriptor number, -EBADF if the channel holds none (closed), -ENOTSUP if no field was found. */
static inline jint pollen_read_fd(JNIEnv *env, jobject channel, jfieldID fd_val, jfieldID fd_object) {
    jint fd;
    if (fd_val != NULL) {
        fd = (*env)->GetIntField(env, channel, fd_val);
    } else if (fd_object != NULL) {
        jobject descriptor = (*env)->GetObjectField(env, channel, fd_object);
        if (descriptor == NULL) {
            return -EBADF;
        }
        fd = (*env)->GetIntField(env, descriptor, pollen_file_descriptor_fd);
        (*env)->DeleteLocalRef(env, descriptor);
    } else {
        return -ENOTSUP;
    }
    return fd < 0 ? -EBADF : fd;
}

/*
 * The descriptor number of a JDK channel, or -ENOTSUP if its class keeps it in neither known field,
 * or -EBADF if it holds none. Registration path only, never the wait path.
 */
static inline jint pollen_channel_fd(JNIEnv *env, jobject channel) {
    jint fd;
    if (pollen_socket_channel_fd.clazz != NULL
            && (*env)->IsInstanceOf(env, channel, pollen_socket_channel_fd.clazz)) {
        fd = pollen_read_fd(env, channel, pollen_socket_channel_fd.fd_val, pollen_socket_channel_fd.fd_object);
    } else if (pollen_server_channel_fd.clazz != NULL
            && (*env)->IsInstanceOf(env, channel, pollen_server_channel_fd.clazz)) {
        fd = pollen_read_fd(env, channel, pollen_server_channel_fd.fd_val, pollen_server_channel_fd.fd_object);
    } else {
        /* An unfamiliar channel class: resolve its fields now, without caching across threads. */
        pollen_fd_field fields;
        jclass clazz = (*env)->GetObjectClass(env, channel);
        pollen_resolve_fd_fields(env, clazz, &fields);
        (*env)->DeleteLocalRef(env, clazz);
        fd = pollen_read_fd(env, channel, fields.fd_val, fields.fd_object);
    }
    return fd;
}

/* Wake-up through an eventfd: a counter the kernel reports readable while it is non-zero. */
static inline jint pollen_eventfd_open(void) {
    int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    return fd < 0 ? -errno : fd;
}

static inline jint pollen_eventfd_signal(int fd) {
    uint64_t one = 1;
    for (;;) {
        if (write(fd, &one, sizeof(one)) >= 0) {
            return 0;
        }
        if (errno == EINTR) {
            continue;
        }
        /* EAGAIN: the counter is saturated, so the descriptor is readable already. */
        return errno == EAGAIN ? 0 : -errno;
    }
}

/* Resets the counter to zero, so the next wait blocks again. */
static inline void pollen_eventfd_drain(int fd) {
    uint64_t count;
    while (read(fd, &count, sizeof(count)) < 0 && errno == EINTR) {
        /* retry */
    }
}

static inline jint pollen_close(int fd) {
    /* Linux releases the descriptor even when close fails with EINTR: never retry. */
    return close(fd) < 0 && errno != EINTR ? -errno : 0;
}

/* The address of a direct buffer, fetched once by Java when it allocates the buffer. */
static inline jlong pollen_buffer_address(JNIEnv *env, jobject buffer) {
    void *address = (*env)->GetDirectBufferAddress(env, buffer);
    return address == NULL ? -EINVAL : (jlong) (intptr_t) address;
}

/* The description of an errno value, for exception messages only (failure path, never hot). */
static inline jstring pollen_strerror(JNIEnv *env, jint error) {
    char buffer[128];
    /* GNU strerror_r returns a pointer that may or may not be the buffer. */
    const char *text = strerror_r(error, buffer, sizeof(buffer));
    return (*env)->NewStringUTF(env, text);
}

/*
 * One entry of what a wait found, as the backend's wait writes it into the Java-owned result buffer:
 * (key, bits), two ints. Keep in sync with io.pollen.reactor.internal.ReadyList (PAIR_BYTES and the
 * reads of its two dispatch methods).
 */
static inline void pollen_ready_put(jint *ready, jint at, jint key, jint bits) {
    ready[2 * at] = key;
    ready[2 * at + 1] = bits;
}

/*
 * An entry of a JNINativeMethod table: the C function is named as the Java native method it
 * implements, so the name is written once and cannot drift from the string that binds it.
 */
#define POLLEN_NATIVE(name, signature) {#name, signature, (void *) name}

/*
 * The natives every backend library shares, bound to one Java class whichever library is loaded.
 * Keep in sync with the native declarations of io.pollen.reactor.internal.NativeIo.
 */
#define POLLEN_NATIVE_IO_CLASS "io/pollen/reactor/internal/NativeIo"

static jint eventFdOpen0(JNIEnv *env, jclass clazz) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    return pollen_eventfd_open();
}

static jint eventFdSignal0(JNIEnv *env, jclass clazz, jint fd) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    return pollen_eventfd_signal(fd);
}

static jint close0(JNIEnv *env, jclass clazz, jint fd) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    return pollen_close(fd);
}

static jint channelFd0(JNIEnv *env, jclass clazz, jobject channel) {
    POLLEN_UNUSED(clazz);
    return pollen_channel_fd(env, channel);
}

static jlong bufferAddress0(JNIEnv *env, jclass clazz, jobject buffer) {
    POLLEN_UNUSED(clazz);
    return pollen_buffer_address(env, buffer);
}

static jstring strerror0(JNIEnv *env, jclass clazz, jint error) {
    POLLEN_UNUSED(clazz);
    return pollen_strerror(env, error);
}

static const JNINativeMethod pollen_native_io_methods[] = {
    POLLEN_NATIVE(eventFdOpen0, "()I"),
    POLLEN_NATIVE(eventFdSignal0, "(I)I"),
    POLLEN_NATIVE(close0, "(I)I"),
    POLLEN_NATIVE(channelFd0, "(Ljava/nio/channels/SelectableChannel;)I"),
    POLLEN_NATIVE(bufferAddress0, "(Ljava/nio/ByteBuffer;)J"),
    POLLEN_NATIVE(strerror0, "(I)Ljava/lang/String;"),
};

#define POLLEN_COUNT_OF(array) ((jint) (sizeof(array) / sizeof((array)[0])))

/* Binds a table of natives to a class. Returns 0, or -1 with a Java exception pending. */
static inline jint pollen_register_natives(JNIEnv *env, const char *class_name, const JNINativeMethod *methods,
                                           jint count) {
    jclass clazz = (*env)->FindClass(env, class_name);
    if (clazz == NULL) {
        return -1;
    }
    jint registered = (*env)->RegisterNatives(env, clazz, methods, count);
    (*env)->DeleteLocalRef(env, clazz);
    return registered == 0 ? 0 : -1;
}

/*
 * The body of every backend's JNI_OnLoad: prepares descriptor access, then binds the backend's own
 * table to its class and the shared table to NativeIo.
 *
 * When several backend libraries load into one JVM, each binds NativeIo again and the last one wins:
 * RegisterNatives may rebind a method, and every library holds the same code from this header, each
 * with the field IDs its own pollen_init_fd_access resolved, so any of them serves. Every library is
 * loaded by NativeLibraryLoader, so it belongs to the class loader of NativeIo and is unloaded only
 * with it: a rebinding never leaves NativeIo pointing into an unloaded library.
 */
static inline jint pollen_on_load(JavaVM *vm, const char *class_name, const JNINativeMethod *methods, jint count) {
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_8) != JNI_OK) {
        return JNI_ERR;
    }
    if (pollen_init_fd_access(env) != 0
            || pollen_register_natives(env, class_name, methods, count) != 0
            || pollen_register_natives(env, POLLEN_NATIVE_IO_CLASS, pollen_native_io_methods,
                                       POLLEN_COUNT_OF(pollen_native_io_methods)) != 0) {
        return JNI_ERR;
    }
    return JNI_VERSION_1_8;
}

static inline void pollen_on_unload(JavaVM *vm) {
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_8) == JNI_OK) {
        pollen_release_fd_access(env);
    }
}

/*
 * Defines the library's JNI_OnLoad and JNI_OnUnload; each backend's .c ends with it, naming its Java
 * class and its JNINativeMethod table (a real array, so that its length is known here).
 */
#define POLLEN_JNI_LIBRARY(class_name, methods) \
    JNIEXPORT jint JNI_OnLoad(JavaVM *vm, void *reserved) { \
        POLLEN_UNUSED(reserved); \
        return pollen_on_load(vm, class_name, methods, POLLEN_COUNT_OF(methods)); \
    } \
    JNIEXPORT void JNI_OnUnload(JavaVM *vm, void *reserved) { \
        POLLEN_UNUSED(reserved); \
        pollen_on_unload(vm); \
    }

#endif /* POLLEN_NATIVE_H */
