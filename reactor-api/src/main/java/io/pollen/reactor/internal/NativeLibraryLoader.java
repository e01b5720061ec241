package io.pollen.reactor.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads a native backend's JNI library, first from {@code java.library.path}, then from the jar that
 * ships it, and explains every failed attempt when neither works.
 *
 * <h2>Naming</h2>
 * A library with base name {@code pollen_epoll} is looked up as
 * {@code pollen_epoll_<os>_<arch>}: {@code System.loadLibrary("pollen_epoll_linux_x86_64")}, then the
 * class-path resource {@code META-INF/native/libpollen_epoll_linux_x86_64.so}. The architecture is
 * {@code os.arch} normalised ({@code amd64} becomes {@code x86_64}, {@code aarch64} becomes
 * {@code aarch_64}); keep in sync with the {@code compile-native} execution in the parent
 * {@code pom.xml}, which names the file the build puts in the jar.
 *
 * <h2>Extraction</h2>
 * The resource is copied to a fresh temporary directory and loaded from there; the copy is deleted at
 * once after loading (Linux keeps a loaded library mapped), or at exit if that fails.
 *
 * <h2>Java 22 and later</h2>
 * {@link System#loadLibrary} and {@link System#load} are restricted methods: class-path users pass
 * {@code --enable-native-access=ALL-UNNAMED} (Java 17 accepts it too), and the native backend jars
 * carry {@code Enable-Native-Access: ALL-UNNAMED} for {@code java -jar} launches.
 *
 * <h2>Threading</h2>
 * Safe from any thread; callers load each library once, from a static initialiser.
 */
public final class NativeLibraryLoader {
    private static final String RESOURCE_DIRECTORY = "META-INF/native/";

    private NativeLibraryLoader() {
    }

    /**
     * Loads a native library into the class loader of {@code owner}, which declares its natives.
     *
     * @param baseName the library's base name, such as {@code pollen_epoll}
     * @param owner    the class whose class loader ships the library and will bind its natives
     * @throws UnsatisfiedLinkError naming each attempt and why it failed; the individual failures
     *                              are attached as suppressed exceptions
     */
    public static void load(String baseName, Class<?> owner) {
        String name = platformName(baseName);
        List<Throwable> failures = new ArrayList<>(2);
        try {
            System.loadLibrary(name);
            return;
        } catch (UnsatisfiedLinkError | SecurityException e) {
            failures.add(e);
        }
        String resource = RESOURCE_DIRECTORY + System.mapLibraryName(name);
        try {
            loadFromResource(resource, owner);
            return;
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            failures.add(e);
        }
        UnsatisfiedLinkError error = new UnsatisfiedLinkError("could not load native library " + name
                + ": (1) System.loadLibrary from java.library.path failed: " + failures.get(0).getMessage()
                + "; (2) loading class-path resource " + resource + " failed: " + failures.get(1).getMessage()
                + ". Put the backend's jar for this platform on the class path, or choose the nio backend");
        failures.forEach(error::addSuppressed);
        throw error;
    }

    /**
     * The platform-specific name of a library, as built by the parent pom.
     *
     * @param baseName such as {@code pollen_epoll}
     * @return such as {@code pollen_epoll_linux_x86_64}
     */
    public static String platformName(String baseName) {
        return baseName + '_' + normalisedOs() + '_' + normalisedArch();
    }

    private static void loadFromResource(String resource, Class<?> owner) throws IOException {
        ClassLoader loader = owner.getClassLoader();
        try (InputStream in = loader == null
                ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no such resource in the class loader of " + owner.getName());
            }
            Path directory = Files.createTempDirectory("pollen-native-");
            Path file = directory.resolve(resource.substring(RESOURCE_DIRECTORY.length()));
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                System.load(file.toAbsolutePath().toString());
            } finally {
                deleteOrDeferDeletion(file);
                deleteOrDeferDeletion(directory);
            }
        }
    }

    private static void deleteOrDeferDeletion(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException | SecurityException e) {
            // A leftover temp file is harmless; try again when the JVM exits.
            path.toFile().deleteOnExit();
        }
    }

    private static String normalisedOs() {
        String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return "linux";
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return "osx";
        }
        if (os.startsWith("windows")) {
            return "windows";
        }
        return os.replaceAll("[^a-z0-9]+", "");
    }

    private static String normalisedArch() {
        String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64":
            case "x86_64":
                return "x86_64";
            case "aarch64":
            case "arm64":
                return "aarch_64";
            default:
                return arch.replaceAll("[^a-z0-9_]+", "");
        }
    }
}
