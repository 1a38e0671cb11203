package io.trackguard.tracking.recipient;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The destination postal code, as the recipient types it. A wrong format is simply a wrong code. */
public record VerifyRequest(@NotNull @Size(max = 16) String postalCode) {
}
