package io.trackguard.tracking.trackingnumber;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/** New tracking numbers from SecureRandom: unguessable, so a public lookup cannot be walked. */
@ApplicationScoped
public class TrackingNumberGenerator {

    // Created per bean instance at run time, never in the native image heap.
    private final SecureRandom random = new SecureRandom();

    public TrackingNumber next() {
        int[] values = new int[TrackingNumber.RANDOM_LENGTH];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(TrackingNumber.ALPHABET.length());
        }
        return TrackingNumber.fromRandomSymbols(values);
    }
}
