/**
 * A tenant asking about an order they already have ("when is someone coming", "status of #1045", "¿a qué hora viene
 * el técnico?") or asking to cancel one ("cancel 1045", "ya no necesito el servicio"). Read on the normalized text
 * (normalizeDescription: lower case, no accents, punctuation as spaces), so "when's" reads "when s".
 *
 * A question must say who or what it is about (someone coming, the order, the repair, an update) so that a problem told
 * with "when" in it ("when I turn on the shower it leaks") stays a problem. A cancel must name an order, a request, a
 * repair or the service: a bare CANCEL is an opt-out keyword (inboundIntent.ts), and "cancel the appointment" declines
 * a visit, which the workflow treats as a NO.
 */

/** Who a tenant waits for. */
const COMER = String.raw`(?:someone|somebody|some one|anyone|anybody|any one|the guy|guy|guys|you guys|you all|y all|you|u|they|he|she|the tech|tech|the technician|technician|the plumber|plumber|the electrician|electrician|maintenance|the maintenance guy|maintenance guy|the maintenance man|maintenance man|the maintenance person|the worker|worker|the repairman|repairman|the repair man|the repair guy|repair guy|the handyman|handyman|the contractor|contractor|the man|the person|the exterminator|exterminator|the locksmith|locksmith)`;
const ARRIVING = String.raw`(?:coming|come|comin|cmg|arriving|arrive|getting here|get here|be here|showing up|show up|here|stopping by|stop by|coming by|come by|coming over|come over|going to come|gonna come|on (?:the|his|her|their) way)`;
/** The order itself, as tenants name it. */
const ORDER = String.raw`(?:work order|order|request|repair|repairs|ticket|service request|maintenance request|complaint|report|job|appointment|visit|fix|case)`;
const ORDEN = String.raw`(?:orden de trabajo|orden|solicitud|reparacion|reporte|queja|pedido|cita|visita|arreglo|servicio|caso|trabajo)`;
const VIENE = String.raw`(?:viene|vienen|llega|llegan|vendra|vendran|va a venir|van a venir|va a llegar|van a llegar|pasa|pasan|pasara|pasaran|puede venir|pueden venir)`;

const QUESTION_PATTERNS: readonly RegExp[] = [
  // when is someone coming / whens the guy coming / when will the tech be here / when are you guys coming
  new RegExp(
    String.raw`\bwhen(?: s|s)?(?: (?:is|are|will|ll|r|does|do|would|should|can i expect|might|is it that))? (?:${COMER})(?: (?:still|actually|finally|be|going to|gonna|supposed to))*(?: (?:be|come|get))? ${ARRIVING}\b`,
  ),
  // what time is the technician coming / what time will someone be here
  new RegExp(
    String.raw`\bwhat time(?: s| is| are| will| should| does| do| would)? (?:${COMER})(?: (?:still|be|going to|gonna|supposed to))*(?: (?:be|come))? ${ARRIVING}\b`,
  ),
  // is someone coming (today) / are you guys still coming / is the tech on his way
  new RegExp(
    String.raw`^(?:hi |hello |hey |um |so )?(?:is|are|will|r) (?:${COMER}) (?:still )?(?:going to |gonna )?${ARRIVING}\b`,
  ),
  new RegExp(String.raw`\b(?:${COMER}) (?:still )?coming (?:today|tomorrow|or not)\b`),
  // status of #1045 / what's the status / any update(s) / eta?
  /^(?:the )?(?:status|eta|estatus|estado)(?: please| pls| por favor| \d{4,7})?$|\b(?:status|eta|estatus)$/,
  /\b(?:status|estatus) (?:of|on|for|update|check|de)\b/,
  /\b(?:what s|whats|what is|check|check on|know|get|give me|tell me) (?:the |my |an |on the )?(?:status|eta|estatus)\b/,
  /\b(?:the|an|your|any) eta\b/,
  /\b(?:any|an|some|get an|have an) updates?\b/,
  /\bupdates? (?:on|about|for|regarding)\b/,
  /^updates?$/,
  /\b(?:any|some) news\b/,
  new RegExp(String.raw`\bwhat s (?:going on|happening|up|the deal|the news) with (?:my|the|our)(?: \w+)? ${ORDER}\b`),
  new RegExp(
    String.raw`\bwhat (?:is|happened|happen) (?:going on |happening )?(?:with|to) (?:my|the|our)(?: \w+)? ${ORDER}\b`,
  ),
  new RegExp(
    String.raw`\bwhen (?:will|is|are|s|would|can) (?:my|the|our|it|this|that)(?: \w+)?(?: ${ORDER})? (?:going to |gonna )?(?:be )?(?:fixed|done|repaired|finished|scheduled|taken care of|looked at|completed)\b`,
  ),
  /\bhow long (?:until|till|til|before|will it|will this|is it going|do i have to wait|does it take)\b/,
  /\b(?:did|has|have) (?:you|anyone|anybody|someone|somebody|y all|you guys) (?:get|got|gotten|receive|received|see|seen|read|look at|looked at) (?:my|our) (?:message|text|request|order|repair request|work order|ticket|report)\b/,
  new RegExp(
    String.raw`\b(?:is|was) (?:my|our|the) ${ORDER} (?:still )?(?:scheduled|on|happening|confirmed|still on|going ahead|open|closed|done)\b`,
  ),
  /\bstill waiting (?:for|on) (?:someone|somebody|the|a|my|you|an answer|a response|a reply|anyone)\b/,
  /\bnobody (?:has )?(?:came|come|showed up|shown up)\b/,
  /\bno one (?:has )?(?:came|come|showed up|shown up)\b/,
  // Spanish: ¿a qué hora viene el técnico? / ¿cuándo vienen? / ¿cómo va mi orden 1045? / ¿hay novedades?
  new RegExp(String.raw`\ba que hora ${VIENE}\b`),
  new RegExp(String.raw`\bcuando ${VIENE}\b`),
  new RegExp(
    String.raw`\b(?:alguien|el tecnico|tecnico|el plomero|el electricista|mantenimiento|el de mantenimiento|ustedes) (?:ya )?${VIENE}\b`,
  ),
  new RegExp(String.raw`\b${VIENE} (?:alguien|el tecnico|hoy|manana|o no)\b`),
  new RegExp(
    String.raw`\b(?:como|que) (?:va|van|vamos|sigue|pasa|paso|hay|sabe|saben)(?: con)? (?:mi|la|nuestra|el|mis|las)(?: \w+)? ${ORDEN}\b`,
  ),
  /\b(?:hay|alguna|algunas|tienen|tiene) (?:alguna |algunas )?(?:novedad|novedades|noticia|noticias|actualizacion)\b/,
  /\bque novedades\b/,
  new RegExp(String.raw`\bestado de (?:mi |la |nuestra )?${ORDEN}\b`),
  /\bcuanto (?:falta|tarda|tardan|tiempo (?:falta|tarda|tardan|mas))\b/,
  /\b(?:recibieron|recibio|vieron|leyeron) mi (?:mensaje|solicitud|reporte|orden|queja)\b/,
  new RegExp(String.raw`\bsigue (?:en pie|programada|programado|confirmada|confirmado) (?:la|mi|el) ${ORDEN}\b`),
  new RegExp(
    String.raw`\bcuando (?:van a|va a|me van a|me va a|lo van a|la van a|se va a) (?:arreglar|reparar|componer|venir|atender)\b`,
  ),
  /\bnadie (?:ha venido|vino|ha llegado|llego)\b/,
  /\bsigo esperando\b/,
];

const CANCEL_PATTERNS: readonly RegExp[] = [
  // cancel 1045 / cancel #1045 / please cancel order 1045
  /\bcancel(?:l?ed)? (?:(?:work )?order |wo |ticket |request |number |repair )?\d{4,7}\b/,
  new RegExp(
    String.raw`\bcancel(?: out)? (?:my|the|this|that|our|your)(?: \w+)?(?: \w+)? (?:work order|order|request|repair request|repair|ticket|service request|maintenance request|service call|service|complaint|job)\b`,
  ),
  /\bno longer (?:need|require|want) (?:the|a|my|this|that|any|it|someone|anyone|somebody|anybody|help|service|repair|maintenance)\b/,
  /\b(?:don t|do not|dont) need (?:the|a|my|this|that) (?:repair|service|work order|order|request|fix|ticket) (?:anymore|any more)\b/,
  /\bwithdraw (?:my|the|this) (?:request|order|work order|complaint)\b/,
  // Spanish: cancelar 1045 / cancelen mi orden / ya no necesito el servicio / ya no hace falta
  /\bcancel(?:ar|en|e|a|o)? (?:la |mi )?(?:orden (?:de trabajo )?|solicitud |numero |pedido )?\d{4,7}\b/,
  new RegExp(
    String.raw`\bcancel(?:ar|en|e|a)(?: por favor)? (?:mi|la|el|esta|esa|nuestra|nuestro|mis|su)(?: \w+)? (?:orden de trabajo|orden|solicitud|reparacion|reporte|pedido|servicio|trabajo|queja)\b`,
  ),
  /\b(?:quiero|quisiera|queremos|necesito|deseo) cancelar\b/,
  new RegExp(
    String.raw`\bya no (?:necesito|necesitamos|ocupo|ocupamos|hace falta|es necesario|se necesita|requiero|quiero) (?:el |la |al |los |que )?(?:servicio|reparacion|tecnico|plomero|electricista|mantenimiento|arreglo|visita|orden|solicitud|ayuda|vengan|venga|nadie|a nadie)\b`,
  ),
  /\bya no hace falta\b/,
];

export function asksAboutOrder(normalized: string): boolean {
  return QUESTION_PATTERNS.some((p) => p.test(normalized));
}

export function asksToCancel(normalized: string): boolean {
  return CANCEL_PATTERNS.some((p) => p.test(normalized));
}
