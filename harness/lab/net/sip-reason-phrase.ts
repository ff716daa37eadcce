/** RFC 3261 §21 reason phrases for the statuses the lab sends (any other: "Unknown"). */
const PHRASES: Readonly<Record<number, string>> = {
  100: "Trying",
  180: "Ringing",
  200: "OK",
  302: "Moved Temporarily",
  303: "See Other",
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  480: "Temporarily Unavailable",
  481: "Call/Transaction Does Not Exist",
  486: "Busy Here",
  487: "Request Terminated",
  488: "Not Acceptable Here",
  500: "Server Internal Error",
  501: "Not Implemented",
  503: "Service Unavailable",
  504: "Server Time-out",
  603: "Decline",
};

export function reasonPhrase(status: number): string {
  return PHRASES[status] ?? (status >= 200 && status < 300 ? "OK" : "Unknown");
}
