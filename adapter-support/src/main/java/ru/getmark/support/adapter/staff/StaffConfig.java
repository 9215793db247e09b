package ru.getmark.support.adapter.staff;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Set;

/** Which staff accounts make an adapter usable ({@code getmark.staff.*}). */
@ConfigMapping(prefix = "getmark.staff")
public interface StaffConfig {

    /**
     * At least one configured account must have one of these roles, or the service refuses to start. Any staff role
     * by default (the attachment download is for every line); intake-phone narrows it to the roles that may log calls.
     */
    @WithDefault(Roles.LINE1 + "," + Roles.LINE2 + "," + Roles.LINE3 + "," + Roles.ADMIN)
    Set<String> requiredRoles();
}
