package io.trackguard.notification.report;

import com.lowagie.text.pdf.BaseFont;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import java.util.Map;

/**
 * In a native image only: OpenPDF's glyph layout through Apache FOP, an optional dependency
 * that is not on the class path (and not needed for the standard fonts the report uses), is
 * cut off, so the image links. The JVM never loads this class.
 */
@TargetClass(className = "com.lowagie.text.pdf.FopGlyphProcessor")
final class NativeOpenPdf {

    private NativeOpenPdf() {
    }

    @Substitute
    public static boolean isFopSupported() {
        return false;
    }

    @Substitute
    public static byte[] convertToBytesWithGlyphs(BaseFont font, String text, String fileName, Map<Integer, int[]> longTag,
                                                  String language) {
        throw new UnsupportedOperationException("glyph layout through Apache FOP is not in the native image");
    }
}
