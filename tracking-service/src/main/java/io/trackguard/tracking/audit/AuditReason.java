package io.trackguard.tracking.audit;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A reason kept in the audit log (why staff looked, why an officer acted): 10 to 500
 * characters once trimmed, and no control or formatting characters (line breaks, escapes,
 * bidirectional overrides), which could forge or hide lines where the log is read. Padding
 * with spaces does not make a reason long enough. Callers store {@code value.strip()}.
 */
@Documented
@Constraint(validatedBy = AuditReasonValidator.class)
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface AuditReason {

    String message() default "must be 10 to 500 characters once trimmed, without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
