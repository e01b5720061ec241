package io.pollen.reactor.nativetest;

import io.pollen.reactor.spi.PollerProvider;

/**
 * Run in a child JVM by {@link PollerContractTest}: prints {@code available} or the unavailability
 * message of the provider class named by the first argument, so that a test can check properties
 * read once per JVM (the kill switches).
 */
public final class PrintAvailability {
    private PrintAvailability() {
    }

    /**
     * @param args the provider's class name
     * @throws ReflectiveOperationException if the class cannot be instantiated
     */
    public static void main(String[] args) throws ReflectiveOperationException {
        PollerProvider provider = (PollerProvider) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        System.out.println(provider.unavailabilityCause().map(Throwable::getMessage).orElse("available"));
    }
}
