/** Injection tokens: interfaces vanish at run time, so the container keys on these. */
export const TOKENS = {
  Config: Symbol('Config'),
  Logger: Symbol('Logger'),
  Clock: Symbol('Clock'),
  IdGenerator: Symbol('IdGenerator'),
  Storage: Symbol('Storage'),
  ContactRateLimiter: Symbol('ContactRateLimiter'),
  HumanCheck: Symbol('HumanCheck'),
  /** The human check's widget for the contact form on `/` (a SiteWidget); registered only when CAPTCHA_SITE_KEY is set. */
  CaptchaWidget: Symbol('CaptchaWidget'),
  Readiness: Symbol('Readiness'),
  ProfileService: Symbol('ProfileService'),
  ProjectService: Symbol('ProjectService'),
  SkillService: Symbol('SkillService'),
  ExperienceService: Symbol('ExperienceService'),
  PortfolioService: Symbol('PortfolioService'),
  ContactService: Symbol('ContactService'),
  MessageService: Symbol('MessageService'),
} as const;
