package ru.getmark.support.adapter.staff;

import java.util.Set;

/** Staff roles of the support lines; the same names in every service. Every line may open a customer's files. */
public final class Roles {

    public static final String LINE1 = "LINE1";
    public static final String LINE2 = "LINE2";
    public static final String LINE3 = "LINE3";
    public static final String ADMIN = "ADMIN";

    /** Everyone who works tickets, and so may download their attachments. */
    public static final Set<String> STAFF = Set.of(LINE1, LINE2, LINE3, ADMIN);

    private Roles() {
    }
}
