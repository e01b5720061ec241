package io.pollen.reactor;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Maps the tokens a loop hands to its poller to their registrants. Tokens are small array indices,
 * reused after release (last freed, first reused), so the table stays as large as the loop's peak
 * registration count and a lookup is one array load.
 *
 * <p>Not thread-safe; owned by one loop thread.
 */
final class RegistrantTable {
    private Registrant[] slots = new Registrant[64];
    private int[] freeTokens = new int[64];
    private int freeCount;
    private int highWater;
    private int size;

    int add(Registrant registrant) {
        int token;
        if (freeCount > 0) {
            token = freeTokens[--freeCount];
        } else {
            if (highWater == slots.length) {
                slots = Arrays.copyOf(slots, slots.length * 2);
            }
            token = highWater++;
        }
        slots[token] = registrant;
        size++;
        return token;
    }

    Registrant get(int token) {
        return token >= 0 && token < highWater ? slots[token] : null;
    }

    void remove(int token, Registrant expected) {
        if (token < 0 || token >= highWater || slots[token] != expected) {
            return;
        }
        slots[token] = null;
        size--;
        if (freeCount == freeTokens.length) {
            freeTokens = Arrays.copyOf(freeTokens, freeTokens.length * 2);
        }
        freeTokens[freeCount++] = token;
    }

    int size() {
        return size;
    }

    /** Visits a snapshot of the registrants, so the visitor may add or remove entries. */
    void forEachSnapshot(Consumer<Registrant> visitor) {
        Registrant[] copy = Arrays.copyOf(slots, highWater);
        for (Registrant r : copy) {
            if (r != null) {
                visitor.accept(r);
            }
        }
    }
}
