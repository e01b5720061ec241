package io.pollen.reactor.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads every Pollen class on the class path ahead of time. A JVM that has run out of descriptors
 * cannot open a class file any more: from a directory on the class path (what {@code mvn test}
 * gives within a reactor build) each class not yet loaded would fail with
 * {@link NoClassDefFoundError} on the first path that needs it, such as the engine's back-off after
 * EMFILE. JDK classes come from the mapped runtime image and jars stay open, so Pollen's own
 * directories are what matters. Not thread-safe; called once, before the descriptors run out.
 */
final class PollenClasses {
    private static final String ROOT = "io/pollen/";

    private PollenClasses() {
    }

    /** @return how many classes were loaded (or already were) */
    static int loadAll() {
        ClassLoader loader = PollenClasses.class.getClassLoader();
        List<String> names = new ArrayList<>();
        try {
            for (Enumeration<URL> roots = loader.getResources(ROOT); roots.hasMoreElements(); ) {
                collect(roots.nextElement(), names);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Pollen classes on the class path", e);
        }
        int loaded = 0;
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // Test code whose dependencies are not on this class path: never run here.
            }
        }
        return loaded;
    }

    private static void collect(URL root, List<String> names) throws IOException {
        if ("file".equals(root.getProtocol())) {
            Path directory;
            try {
                directory = Path.of(root.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("unusable class path entry " + root, e);
            }
            Path base = directory.getParent().getParent(); // above io/pollen/
            try (Stream<Path> files = Files.walk(directory)) {
                files.map(file -> base.relativize(file).toString().replace(java.io.File.separatorChar, '/'))
                        .filter(PollenClasses::isClass).map(PollenClasses::className).forEach(names::add);
            }
            return;
        }
        URLConnection connection = root.openConnection();
        if (connection instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            try (JarFile file = jar.getJarFile()) {
                for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                    String entry = entries.nextElement().getName();
                    if (entry.startsWith(ROOT) && isClass(entry)) {
                        names.add(className(entry));
                    }
                }
            }
        }
    }

    private static boolean isClass(String path) {
        return path.endsWith(".class") && !path.endsWith("module-info.class") && !path.endsWith("package-info.class");
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
