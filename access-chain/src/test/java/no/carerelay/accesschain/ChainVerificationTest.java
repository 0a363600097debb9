package no.carerelay.accesschain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChainVerificationTest {

    /** Five entries chained as a service writes them, each hashed over its previous hash, id and text. */
    private static List<ChainLink> chainOf(int size) {
        List<ChainLink> chain = new ArrayList<>();
        String previous = ChainHash.GENESIS;
        for (long id = 1; id <= size; id++) {
            String hash = ChainHash.of(previous, Long.toString(id), "read case " + id);
            chain.add(new ChainLink(id, previous, hash, true));
            previous = hash;
        }
        return chain;
    }

    private static ChainHead headOf(List<ChainLink> chain) {
        ChainLink last = chain.get(chain.size() - 1);
        return new ChainHead(last.id(), last.hash(), chain.size());
    }

    @Test
    void shouldFindAnIntactChainIntact() {
        List<ChainLink> chain = chainOf(5);
        assertThat(ChainVerification.of(chain, headOf(chain))).isEqualTo(new ChainVerification(true, 5, null, null));
    }

    @Test
    void shouldFindAnEmptyChainWithAFreshHeadIntactAndOneWhoseHeadCountsEntriesBroken() {
        assertThat(ChainVerification.of(List.of(), new ChainHead(null, ChainHash.GENESIS, 0)).intact()).isTrue();
        ChainVerification emptied = ChainVerification.of(List.of(), new ChainHead(3L, "abc", 3));
        assertThat(emptied.intact()).isFalse();
        assertThat(emptied.problem()).contains("3 were written").contains("removed from the end");
    }

    @Test
    void shouldNameAnEntryWhoseFieldsNoLongerMatchItsHashAsChanged() {
        List<ChainLink> chain = chainOf(5);
        ChainHead head = headOf(chain);
        ChainLink third = chain.get(2);
        chain.set(2, new ChainLink(third.id(), third.prevHash(), third.hash(), false));
        ChainVerification result = ChainVerification.of(chain, head);
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBadEntryId()).isEqualTo(3L);
        assertThat(result.problem()).contains("changed");
    }

    @Test
    void shouldNameTheEntryAfterARemovedOne() {
        List<ChainLink> chain = chainOf(5);
        ChainHead head = headOf(chain);
        chain.remove(1);
        ChainVerification result = ChainVerification.of(chain, head);
        assertThat(result.firstBadEntryId()).isEqualTo(3L);
        assertThat(result.problem()).contains("does not follow");
    }

    @Test
    void shouldNameTheFirstOfTwoSwappedEntries() {
        List<ChainLink> chain = chainOf(5);
        ChainHead head = headOf(chain);
        Collections.swap(chain, 1, 2);
        ChainVerification result = ChainVerification.of(chain, head);
        assertThat(result.firstBadEntryId()).isEqualTo(3L);
        assertThat(result.problem()).contains("does not follow");
    }

    @Test
    void shouldSeeATruncatedTailThroughTheHead() {
        List<ChainLink> chain = chainOf(5);
        ChainHead head = headOf(chain);
        ChainVerification result = ChainVerification.of(chain.subList(0, 3), head);
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBadEntryId()).isEqualTo(3L);
        assertThat(result.problem()).contains("ends at entry 3 after 3 entries, but 5 were written, the last being 5");
    }

    @Test
    void shouldGiveDifferentHashesToFieldsThatOnlyConcatenateAlikeAndToNullAndEmpty() {
        assertThat(ChainHash.of("ab", "c")).isNotEqualTo(ChainHash.of("a", "bc"));
        assertThat(ChainHash.of("a", null)).isNotEqualTo(ChainHash.of("a", ""));
        assertThat(ChainHash.of("a", "b")).isEqualTo(ChainHash.of("a", "b")).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void shouldKeepTheCanonicalFormTheStoredChainsWereWrittenWith() {
        // SHA-256 of "1:a|-1:|0:|": a change to the canonical form would break every chain already stored
        assertThat(ChainHash.of("a", null, "")).isEqualTo(sha256("1:a|-1:|0:|"));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
