package ca.careorchestrator.app.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a NAM is kept at rest: a keyed hash (HMAC-SHA256) to find a person by the number they type, and an
 * authenticated encryption (AES-256-GCM, a random 96-bit IV per value) to show it back to its holder or send it to a
 * source system. A plain hash would not do: the NAM's space is small enough to enumerate. Both keys come from
 * configuration; a value encrypted under another key does not decrypt (GCM's tag fails), it never decrypts wrongly.
 * Also keys the one-time sign-in codes ({@link #mac(String)}).
 */
public final class NamProtection {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec hashKey;
    private final SecretKeySpec encryptionKey;
    private final SecureRandom random = new SecureRandom();

    public NamProtection(byte[] hashKey, byte[] encryptionKey) {
        if (hashKey == null || hashKey.length < 32) {
            throw new IllegalArgumentException("the NAM hash key has at least 256 bits");
        }
        if (encryptionKey == null || encryptionKey.length != 32) {
            throw new IllegalArgumentException("the NAM encryption key is an AES-256 key (32 bytes)");
        }
        this.hashKey = new SecretKeySpec(hashKey.clone(), "HmacSHA256");
        this.encryptionKey = new SecretKeySpec(encryptionKey.clone(), "AES");
    }

    /** From the base64 keys of {@code care.identity.nam-hash-key} and {@code care.identity.nam-encryption-key}. */
    public static NamProtection fromBase64(String hashKey, String encryptionKey) {
        return new NamProtection(decode(hashKey, "nam-hash-key"), decode(encryptionKey, "nam-encryption-key"));
    }

    private static byte[] decode(String base64, String name) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("care.identity." + name + " is not set");
        }
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("care.identity." + name + " is not base64", e);
        }
    }

    /** The lookup key of a (normalized) NAM: the same number always gives the same hash under one key. */
    public String hash(String nam) {
        return mac("nam:" + nam);
    }

    /** A keyed hash of any short secret (a one-time code with its challenge id), base64. */
    public String mac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return Base64.getEncoder().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** Compares two hashes in constant time. */
    public static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** base64(IV + ciphertext + tag); a new IV each time, so one NAM encrypts differently each time. */
    public String encrypt(String nam) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(nam.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The NAM; throws if the value was not encrypted under this key or was altered. */
    public String decrypt(String cipherText) {
        byte[] all = Base64.getDecoder().decode(cipherText);
        if (all.length <= IV_BYTES) {
            throw new IllegalArgumentException("not an encrypted NAM");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.US_ASCII);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("the NAM was encrypted under another key, or altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "NamProtection[keys hidden]";
    }
}
