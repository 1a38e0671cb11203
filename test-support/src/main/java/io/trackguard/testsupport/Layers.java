package io.trackguard.testsupport;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's packages in layers, top first, as docs/DESIGN.md tables them: each layer may be
 * used only by the layers above it, and no package reaches back up, however indirectly. Reads
 * the compiled main classes under the root package only (ArchUnit, no Quarkus); a failure names
 * the classes and lines that break the order.
 *
 * <pre>
 * Layers.of("io.trackguard.tracking").layer("page").layer("track", "staff").layer("config").check();
 * </pre>
 */
public final class Layers {

    private final String root;
    private final JavaClasses main;
    /** Each layer's packages (names under the root), top first. */
    private final List<String[]> layers = new ArrayList<>();

    private Layers(String root) {
        this.root = root;
        this.main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(root);
    }

    /** The main classes under {@code root} (a package name). */
    public static Layers of(String root) {
        return new Layers(root);
    }

    /** The next layer down: the packages under the root that make it. */
    public Layers layer(String... packages) {
        layers.add(packages);
        return this;
    }

    /** No cycle between the root's packages (its first level: {@code root.(*)..}). */
    public void checkFreeOfCycles() {
        slices().matching(root + ".(*)..").should().beFreeOfCycles().check(main);
    }

    /** Each layer used only by the layers above it; the top one by none. */
    public void check() {
        if (layers.size() < 2) {
            throw new IllegalStateException("at least two layers to order");
        }
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
        List<String> names = new ArrayList<>();
        for (String[] packages : layers) {
            String name = String.join("/", packages);
            names.add(name);
            String[] qualified = new String[packages.length];
            for (int i = 0; i < packages.length; i++) {
                qualified[i] = root + "." + packages[i] + "..";
            }
            rule = rule.layer(name).definedBy(qualified);
        }
        rule = rule.whereLayer(names.get(0)).mayNotBeAccessedByAnyLayer();
        for (int i = 1; i < names.size(); i++) {
            rule = rule.whereLayer(names.get(i)).mayOnlyBeAccessedByLayers(names.subList(0, i).toArray(String[]::new));
        }
        rule.check(main);
    }
}
