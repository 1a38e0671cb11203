package io.trackguard.tracking;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The service's packages import each other in one direction only, in the layers of
 * docs/DESIGN.md ("tracking-service's packages"): a class that reaches back up, however
 * indirectly, fails here with the classes and lines that do it. Reads the compiled main classes
 * only, no Quarkus.
 */
class ArchitectureTest {

    private static final String ROOT = "io.trackguard.tracking";
    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesImportEachOtherInOneDirectionOnly() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** The table in docs/DESIGN.md, top first: each layer is used only by the layers above it. */
    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("top").definedBy(packages("page"))
                .layer("6").definedBy(packages("track", "partnerapi", "staff", "scan"))
                .layer("5").definedBy(packages("recipient", "events"))
                .layer("4").definedBy(packages("disclosure"))
                .layer("3").definedBy(packages("abuse", "limits"))
                .layer("2").definedBy(packages("audit"))
                .layer("1").definedBy(packages("client", "shipment"))
                .layer("0").definedBy(packages("config", "partner", "trackingnumber"))
                .whereLayer("top").mayNotBeAccessedByAnyLayer()
                .whereLayer("6").mayOnlyBeAccessedByLayers("top")
                .whereLayer("5").mayOnlyBeAccessedByLayers("top", "6")
                .whereLayer("4").mayOnlyBeAccessedByLayers("top", "6", "5")
                .whereLayer("3").mayOnlyBeAccessedByLayers("top", "6", "5", "4")
                .whereLayer("2").mayOnlyBeAccessedByLayers("top", "6", "5", "4", "3")
                .whereLayer("1").mayOnlyBeAccessedByLayers("top", "6", "5", "4", "3", "2")
                .check(MAIN);
    }

    private static String[] packages(String... names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = ROOT + "." + names[i] + "..";
        }
        return out;
    }
}
