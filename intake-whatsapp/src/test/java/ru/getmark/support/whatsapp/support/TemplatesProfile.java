package ru.getmark.support.whatsapp.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Content templates configured, as a production account with approved WhatsApp templates would have them: a notice
 * template for outside the 24-hour window and a two-button quick-reply template. (Another profile: a second
 * application start, which {@code RestartMidDialogueContinuedTest} also uses as its "restart".)
 */
public class TemplatesProfile implements QuarkusTestProfile {

    public static final String NOTICE = "HX0000000000000000000000000000a001";
    public static final String QUICK_REPLY_2 = "HX0000000000000000000000000000a002";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("getmark.whatsapp.templates.notice", NOTICE,
                "getmark.whatsapp.templates.quick-reply-2", QUICK_REPLY_2);
    }
}
