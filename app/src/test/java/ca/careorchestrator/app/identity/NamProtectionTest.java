package ca.careorchestrator.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NamProtectionTest {

    private static final String NAM = "TREL85542311";

    private static byte[] key(long seed) {
        byte[] key = new byte[32];
        new SplittableRandom(seed).nextBytes(key);
        return key;
    }

    private final NamProtection protection = new NamProtection(key(1), key(2));

    @Test
    void encryptsThenDecryptsToTheSameNam() {
        assertThat(protection.decrypt(protection.encrypt(NAM))).isEqualTo(NAM);
    }

    @Test
    void eachEncryptionHasItsOwnIvSoTheSameNamNeverLooksTheSame() {
        String first = protection.encrypt(NAM);
        String second = protection.encrypt(NAM);

        assertThat(first).isNotEqualTo(second);
        assertThat(Base64.getDecoder().decode(first)).startsWith(java.util.Arrays.copyOf(Base64.getDecoder().decode(first), 12));
        assertThat(java.util.Arrays.copyOf(Base64.getDecoder().decode(first), 12))
                .isNotEqualTo(java.util.Arrays.copyOf(Base64.getDecoder().decode(second), 12));
        assertThat(first).doesNotContain(NAM);
    }

    @Test
    void anotherEncryptionKeyCannotDecrypt() {
        NamProtection other = new NamProtection(key(1), key(3));

        assertThatThrownBy(() -> other.decrypt(protection.encrypt(NAM))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAlteredCiphertextIsRefused() {
        byte[] sealed = Base64.getDecoder().decode(protection.encrypt(NAM));
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> protection.decrypt(Base64.getEncoder().encodeToString(sealed))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHashIsStableUnderOneKeyAndDiffersUnderAnother() {
        NamProtection other = new NamProtection(key(4), key(2));

        assertThat(protection.hash(NAM)).isEqualTo(protection.hash(NAM)).isNotEqualTo(protection.hash("TREL85542312"));
        assertThat(other.hash(NAM)).isNotEqualTo(protection.hash(NAM));
        assertThat(protection.hash(NAM)).hasSize(44).doesNotContain(NAM);
    }

    @Test
    void refusesMissingOrShortKeys() {
        assertThatThrownBy(() -> new NamProtection(new byte[16], key(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NamProtection(key(1), new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NamProtection.fromBase64("", "")).hasMessageContaining("nam-hash-key");
        assertThat(protection.toString()).doesNotContain(Base64.getEncoder().encodeToString(key(1)));
    }
}
