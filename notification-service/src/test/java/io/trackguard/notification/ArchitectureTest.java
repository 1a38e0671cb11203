package io.trackguard.notification;

import io.trackguard.testsupport.Layers;
import org.junit.jupiter.api.Test;

/**
 * The service's packages import each other in one direction only, in the layers of
 * docs/DESIGN.md: a class that reaches back up, however indirectly, fails here with the classes
 * and lines that do it. Reads the compiled main classes only, no Quarkus.
 */
class ArchitectureTest {

    private static final String ROOT = "io.trackguard.notification";

    @Test
    void packagesImportEachOtherInOneDirectionOnly() {
        Layers.of(ROOT).checkFreeOfCycles();
    }

    /** The table in docs/DESIGN.md, top first: each layer is used only by the layers above it. */
    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        Layers.of(ROOT)
                .layer("event", "officerpage")
                .layer("incident", "clock", "webhook")
                .layer("notice")
                .layer("scope", "report")
                .layer("assessment")
                .layer("casefile", "work", "partner", "limits", "retention")
                .layer("config")
                .check();
    }
}
