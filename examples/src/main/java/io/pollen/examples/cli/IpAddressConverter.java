package io.pollen.examples.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Reads one IP address literal (picocli splits {@code 127.0.0.2,127.0.0.3} on commas first). Only
 * literals, never host names: a load generator should not depend on name resolution, nor wait on it.
 *
 * <p>Stateless; safe from any thread.
 */
public final class IpAddressConverter implements ITypeConverter<InetAddress> {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    @Override
    public InetAddress convert(String value) {
        String text = value.trim();
        // With a ':' (IPv6) or in dotted form, InetAddress parses the literal and never resolves.
        if (IPV4.matcher(text).matches() || text.contains(":")) {
            try {
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                // Reported below with the expected form.
            }
        }
        throw new TypeConversionException("'" + value + "' is not an IP address literal such as 127.0.0.2");
    }
}
