/**
 * Pollen's counters as Micrometer meters: {@link io.pollen.micrometer.ReactorMeterBinder} for any
 * {@link io.pollen.reactor.Reactor} (connections, accept overloads by reason, rejected writes, bytes,
 * wake-ups, tasks), {@link io.pollen.micrometer.SessionServerMeterBinder} for a
 * {@link io.pollen.session.SessionServer} (all of those for its reactor, plus sessions by state, frames,
 * errors by code, timeouts and round-trip percentiles).
 *
 * <pre>{@code
 * MeterRegistry registry = new SimpleMeterRegistry();          // or the application's registry
 * SessionServerMeterBinder meters = new SessionServerMeterBinder(server, Tags.of("node", "a"));
 * meters.bindTo(registry);
 * registry.get("pollen.connections.open").gauge().value();     // connections open now
 * }</pre>
 *
 * <h2>Conventions</h2>
 * Meter names are lower case and dotted, under {@code pollen.}; counters count since the reactor or
 * server started and carry no {@code total} suffix (a registry adds its own); every meter has a base
 * unit ({@link io.micrometer.core.instrument.binder.BaseUnits} where one fits, {@code frames} for
 * frames) and a description; tag values come from Pollen's enums, in lower case or as on the wire. The
 * binders read Pollen's own counters when a registry asks, so binding costs the event loops nothing.
 *
 * <h2>Threading</h2>
 * Binders are safe from any thread; meters are read on the registry's threads, never on a loop thread.
 * Closing a binder removes its meters from the registries it was bound to.
 */
package io.pollen.micrometer;
