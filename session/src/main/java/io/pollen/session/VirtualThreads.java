package io.pollen.session;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

/**
 * Finds the JDK's virtual threads at run time ({@code Thread.ofVirtual().name(prefix, 0).factory()},
 * Java 21+), so that this library stays Java 17 bytecode and still gives every sequential session a
 * virtual thread where the JDK has them. Looked up once; safe from any thread.
 */
final class VirtualThreads {
    /** Names the threads of sequential sessions, numbered from 0: {@code pollen-session-0}, ... */
    static final String THREAD_NAME_PREFIX = "pollen-session-";

    private static final ThreadFactory FACTORY;
    private static final Throwable UNAVAILABILITY_CAUSE;

    static {
        ThreadFactory factory = null;
        Throwable cause = null;
        try {
            factory = lookUpFactory();
        } catch (Throwable notHere) {
            // Java 17 to 20: Thread.ofVirtual does not exist (or is a preview feature that is off).
            cause = notHere;
        }
        FACTORY = factory;
        UNAVAILABILITY_CAUSE = cause;
    }

    private VirtualThreads() {
    }

    private static ThreadFactory lookUpFactory() throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
        MethodHandle newBuilder = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
        MethodHandle name = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class, long.class));
        MethodHandle factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
        Object named = name.invoke(newBuilder.invoke(), THREAD_NAME_PREFIX, 0L);
        return (ThreadFactory) factory.invoke(named);
    }

    /** @return true on a runtime with virtual threads */
    static boolean isAvailable() {
        return FACTORY != null;
    }

    /**
     * @return a factory of virtual threads, one shared by every caller
     * @throws VirtualThreadsUnavailableException before Java 21
     */
    static ThreadFactory factory() {
        if (FACTORY == null) {
            throw new VirtualThreadsUnavailableException(Runtime.version(), UNAVAILABILITY_CAUSE);
        }
        return FACTORY;
    }
}
