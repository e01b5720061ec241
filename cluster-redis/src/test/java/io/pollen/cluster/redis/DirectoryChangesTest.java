package io.pollen.cluster.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the changes reported between two flushes fold into one batch. */
class DirectoryChangesTest {
    private final DirectoryChanges changes = new DirectoryChanges();

    @Test
    void aSessionThatClaimsAnIdBeforeTheFlushCostsOneClaimAndOneReleaseWhateverItDidBefore() {
        // What a connection that says hello does: its assigned id, its claimed id, the assigned one given up.
        changes.claimed("s-a-1-1");
        changes.claimed("c-7");
        changes.released("s-a-1-1");

        DirectoryChanges.Batch batch = changes.drain();

        assertThat(batch.claims()).containsExactly("c-7");
        assertThat(batch.releases()).containsExactly("s-a-1-1");
    }

    @Test
    void theLastChangeOfAnIdWinsAndIdsKeepTheOrderOfTheirFirstChange() {
        changes.claimed("x");
        changes.claimed("y");
        changes.released("x");
        changes.claimed("z");
        changes.claimed("x");
        changes.released("y");

        DirectoryChanges.Batch batch = changes.drain();

        assertThat(batch.claims()).containsExactly("x", "z");
        assertThat(batch.releases()).containsExactly("y");
        assertThat(changes.drain().isEmpty()).as("a drain takes everything").isTrue();
    }

    @Test
    void clearForgetsWhatIsPending() {
        changes.claimed("x");
        changes.clear();

        assertThat(changes.drain().isEmpty()).isTrue();
    }
}
