/** What the admin client says; each message says what to do. */
export const adminClientMessages = {
  urlMissing: () => "give the app's admin URL: --url http://localhost:3000/admin (or set AIWIRE_URL)",
  urlInvalid: (flag: string) => `${flag} is not an http(s) URL; give one such as http://localhost:3000/admin`,
  urlCredentials: () => 'put the admin credentials in AIWIRE_ADMIN_USER and AIWIRE_ADMIN_PASSWORD, not in the URL',
  passwordMissing: () => 'a user is given but AIWIRE_ADMIN_PASSWORD is not set: the password is read from the environment only',
  userMissing: () => 'AIWIRE_ADMIN_PASSWORD is set but no user: set AIWIRE_ADMIN_USER or pass --user',
  unreachable: (where: string, reason: string) => `cannot reach ${where} (${reason}): is the app running there?`,
  unauthorized: () => 'the admin refused the credentials: set AIWIRE_ADMIN_USER/AIWIRE_ADMIN_PASSWORD',
  forbidden: (message: string) => `the admin refused the request (403): ${message}`,
  notMounted: (where: string) => `${where} answered 404: is the admin mounted there? (MonitoringModule admin.path; give --url <app>/<admin path>)`,
  notImplemented: (message: string) => `the app cannot answer this (501): ${message}`,
  refused: (status: number, message: string) => `the app answered ${status}: ${message}`,
  notJson: (where: string, status: number) => `${where} answered ${status} with a body that is not JSON: is --url the aiwire admin?`,
} as const;
