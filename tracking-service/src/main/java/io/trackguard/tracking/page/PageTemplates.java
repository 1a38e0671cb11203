package io.trackguard.tracking.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The page's templates (templates/page/, each including templates/base.html), checked at build time. */
@CheckedTemplate(basePath = "page")
class PageTemplates {

    static native TemplateInstance home(PageModels.Layout page, String number, String errorTitle, String errorText);

    static native TemplateInstance status(PageModels.Layout page, PageModels.Status s, String verifyError);

    static native TemplateInstance details(PageModels.Layout page, PageModels.Details d);

    static native TemplateInstance message(PageModels.Layout page, String heading, String text, String number);

    static native TemplateInstance link(PageModels.Layout page, String display, String token, String confirm, boolean retry);
}
