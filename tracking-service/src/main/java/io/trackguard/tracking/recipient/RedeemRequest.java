package io.trackguard.tracking.recipient;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The token of a one-time link. */
public record RedeemRequest(@NotNull @Size(max = 2048) String token) {
}
