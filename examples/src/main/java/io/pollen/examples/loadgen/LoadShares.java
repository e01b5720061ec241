package io.pollen.examples.loadgen;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Divides one {@link LoadPlan} into the shares of {@code --processes P} child processes, so that
 * together they run the plan: child {@code k} opens a contiguous run of the clients (their hello ids
 * continue where the previous child's end), at its part of the connect rate, from its part of the
 * source addresses. Remainders go to the first children, one each, so no two shares differ by more
 * than one client or one connection per second.
 *
 * <p>Source addresses: with at least as many as children, child {@code k} takes every
 * {@code P}-th from the {@code k}-th, and no two children share one; with fewer, child {@code k} takes
 * address {@code k mod n} alone, and the children on one address share its ephemeral ports.
 *
 * <p>Stateless; safe from any thread.
 */
final class LoadShares {
    private LoadShares() {
    }

    /**
     * @param plan      the whole run
     * @param processes how many children, at least 1, at most the plan's clients and its connect rate
     * @return one plan per child, in order
     * @throws IllegalArgumentException if there are more children than clients, or than connections per second
     */
    static List<LoadPlan> of(LoadPlan plan, int processes) {
        if (processes < 1 || processes > plan.clients() || processes > plan.connectRate()) {
            throw new IllegalArgumentException("cannot share " + plan.clients() + " clients at " + plan.connectRate()
                    + "/s over " + processes + " processes: each needs at least one client and one connection per second");
        }
        List<LoadPlan> shares = new ArrayList<>(processes);
        int firstClient = 0;
        for (int k = 0; k < processes; k++) {
            int clients = part(plan.clients(), processes, k);
            shares.add(new LoadPlan(plan.server(), clients, part(plan.connectRate(), processes, k), plan.pingInterval(),
                    plan.duration(), sources(plan.sourceIps(), processes, k), plan.retries(), plan.ids().from(firstClient)));
            firstClient += clients;
        }
        return shares;
    }

    /** @return the {@code k}-th of {@code parts} near-equal parts of {@code total}, the remainder to the first */
    private static int part(int total, int parts, int k) {
        return total / parts + (k < total % parts ? 1 : 0);
    }

    private static List<InetAddress> sources(List<InetAddress> all, int processes, int k) {
        if (all.isEmpty()) {
            return all;
        }
        if (all.size() < processes) {
            return List.of(all.get(k % all.size()));
        }
        List<InetAddress> mine = new ArrayList<>();
        for (int i = k; i < all.size(); i += processes) {
            mine.add(all.get(i));
        }
        return mine;
    }
}
