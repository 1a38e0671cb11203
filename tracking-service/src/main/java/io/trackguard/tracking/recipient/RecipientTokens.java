package io.trackguard.tracking.recipient;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.UnresolvableKeyException;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Signed, expiring proofs of being the recipient (HS256 JWTs, jose4j). A session says "this
 * caller proved it is the recipient of the shipment whose number hashes to sub"; a link says
 * the same once, for whoever holds it, and carries an id so that it is spent by its first use.
 * Neither carries the tracking number or anything personal.
 */
@ApplicationScoped
public class RecipientTokens {

    static final String SESSION = "recipient-session";
    static final String LINK = "recipient-link";
    private static final String ISSUER = "trackguard-tracking";

    /** What a valid token says. {@code id} and {@code trackingNumber} are only in links. */
    public record Claims(String numberHash, String id, String trackingNumber, Instant expiresAt) {
    }

    private final String keyId;
    private final HmacKey key;
    /** Every key a token may name in its kid header: the current one and those it replaced. */
    private final Map<String, HmacKey> verificationKeys;
    private final RecipientConfig config;

    public RecipientTokens(RecipientConfig config) {
        Map<String, HmacKey> keys = new HashMap<>();
        config.previousSigningKeys().forEach((id, secret) -> keys.put(id, hmacKey("previous-signing-keys." + id, secret)));
        if (keys.containsKey(config.signingKeyId())) {
            throw new IllegalStateException("trackguard.recipient.previous-signing-keys names the current key id " + config.signingKeyId());
        }
        this.keyId = config.signingKeyId();
        this.key = hmacKey("signing-key", config.signingKey());
        keys.put(keyId, key);
        this.verificationKeys = Map.copyOf(keys);
        this.config = config;
    }

    private static HmacKey hmacKey(String name, String secret) {
        if (secret.length() < 32) {
            throw new IllegalStateException("trackguard.recipient." + name + " must have at least 32 characters");
        }
        return new HmacKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    public String session(String numberHash) {
        Instant now = Instant.now();
        return sign(SESSION, numberHash, null, null, now, now.plus(config.sessionTtl()));
    }

    /** A link carries the number too: whoever holds it is meant to see that shipment. */
    public String link(String numberHash, String trackingNumber) {
        Instant now = Instant.now();
        return link(numberHash, trackingNumber, now, now.plus(config.linkTtl()));
    }

    /** A link valid from {@code issuedAt} to {@code expiresAt} (tests make expired ones with it). */
    String link(String numberHash, String trackingNumber, Instant issuedAt, Instant expiresAt) {
        return sign(LINK, numberHash, UUID.randomUUID().toString(), trackingNumber, issuedAt, expiresAt);
    }

    public Optional<Claims> readSession(String token) {
        return read(SESSION, token);
    }

    public Optional<Claims> readLink(String token) {
        return read(LINK, token);
    }

    private String sign(String type, String numberHash, String id, String trackingNumber, Instant issuedAt, Instant expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(type);
        claims.setSubject(numberHash);
        claims.setIssuedAt(NumericDate.fromMilliseconds(issuedAt.toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
        if (id != null) {
            claims.setJwtId(id);
            claims.setStringClaim("tn", trackingNumber);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(keyId);
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** The key the token names; a token without kid (made before key ids) is checked with the current key. */
    private Key verificationKey(JsonWebSignature jws, List<JsonWebStructure> nesting) throws UnresolvableKeyException {
        String kid = jws.getKeyIdHeaderValue();
        HmacKey named = kid == null ? key : verificationKeys.get(kid);
        if (named == null) {
            throw new UnresolvableKeyException("unknown signing key");
        }
        return named;
    }

    private Optional<Claims> read(String type, String token) {
        if (token == null || token.length() > 2048) {
            return Optional.empty();
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(5)
                .setRequireSubject()
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(type)
                .setVerificationKeyResolver(this::verificationKey)
                .setRelaxVerificationKeyValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(token);
            if (LINK.equals(type) && claims.getJwtId() == null) {
                return Optional.empty();
            }
            return Optional.of(new Claims(claims.getSubject(), claims.getJwtId(), claims.getStringClaimValue("tn"),
                    Instant.ofEpochMilli(claims.getExpirationTime().getValueInMillis())));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }
}
