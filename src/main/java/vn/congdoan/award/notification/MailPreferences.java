package vn.congdoan.award.notification;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * A user's choice between a mail for every event ({@code immediate}, the default) and one daily digest
 * ({@code digest}), kept as the Camunda user info {@value #KEY}.
 */
@Component
public class MailPreferences {
  public static final String KEY = "mailMode";
  public static final String IMMEDIATE = "immediate";
  public static final String DIGEST = "digest";

  private final IdentityService identity;

  public MailPreferences(IdentityService identity) {
    this.identity = identity;
  }

  public boolean wantsDigest(String userId) {
    return userId != null && DIGEST.equals(identity.getUserInfo(userId, KEY));
  }

  public String modeOf(String userId) {
    return wantsDigest(userId) ? DIGEST : IMMEDIATE;
  }

  public void set(String userId, String mode) {
    if (!IMMEDIATE.equals(mode) && !DIGEST.equals(mode)) {
      throw new IllegalArgumentException(mode);
    }
    identity.setUserInfo(userId, KEY, mode);
  }
}
