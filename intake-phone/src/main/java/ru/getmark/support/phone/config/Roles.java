package ru.getmark.support.phone.config;

/** Staff roles of the support lines; the same names in every service. */
public final class Roles {

    public static final String LINE1 = "LINE1";
    public static final String LINE2 = "LINE2";
    public static final String LINE3 = "LINE3";
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}
