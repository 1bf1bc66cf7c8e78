package ca.careorchestrator.app.security;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A signed-in staff member (clinic staff, access desk, analyst, operator), kept in the session: plain values only
 * (the session may be serialized), the clinic for clinic staff and the health region for the desk.
 */
record StaffMember(String username, String passwordHash, Role role, UUID clinic, String region) implements UserDetails, Serializable {

    StaffMember {
        if (role == Role.CLINIC_STAFF && clinic == null) {
            throw new IllegalArgumentException("clinic staff " + username + " names their clinic");
        }
        if (role == Role.ACCESS_DESK && region == null) {
            throw new IllegalArgumentException("access-desk user " + username + " names their region");
        }
        if (role == Role.PATIENT || role == Role.PARTNER) {
            throw new IllegalArgumentException("patients sign in with their NAM and partners with a client: not " + username);
        }
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public String toString() {
        return "StaffMember[" + username + ", " + role + "]";
    }
}
