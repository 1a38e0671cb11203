package io.trackguard.tracking.audit;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks an {@link AuditReason}; null is left to {@code @NotNull}. */
public class AuditReasonValidator implements ConstraintValidator<AuditReason, String> {

    static final int MIN = 10;
    static final int MAX = 500;

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String reason = value.strip();
        int length = reason.codePointCount(0, reason.length());
        return length >= MIN && length <= MAX && reason.codePoints().noneMatch(AuditReasonValidator::control);
    }

    /**
     * Control characters (Cc), invisible formatting ones (Cf: bidirectional overrides,
     * zero-width characters) and halves of broken surrogate pairs.
     */
    private static boolean control(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
    }
}
