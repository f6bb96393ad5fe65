import { vocabulary } from './match';

/** Electrical fittings and heat sources, and what goes wrong with them that can hurt someone. */
export const ELECTRICAL_FITTING = vocabulary({
  en: ['outlet', 'outlets', 'socket', 'receptacle', 'light fixture', 'ceiling light', 'light', 'lights', 'lamp', 'electrical panel', 'panel', 'breaker', 'breaker box', 'fuse box', 'switch', 'light switch', 'wire', 'wires', 'wiring', 'fixture', 'exhaust fan', 'ceiling fan', 'bathroom fan', 'plug', 'cord', 'extension cord', 'junction box', 'smoke detector'],
  es: ['enchufe', 'enchufes', 'tomacorriente', 'contacto', 'lampara', 'foco', 'focos', 'luz', 'luces', 'apagador', 'interruptor', 'panel', 'breaker', 'cables', 'cable', 'alambres', 'caja de fusibles', 'ventilador de techo'],
});
export const NOT_HOT_FITTING = vocabulary({ en: ['dimmer', 'hot water', 'hot water heater'], es: ['agua caliente'] });
export const FIXTURE = vocabulary({ en: ['ceiling fan', 'fan', 'light fixture', 'fixture', 'lamp', 'chandelier', 'ceiling light'], es: ['abanico', 'ventilador', 'lampara', 'candil'] });
export const ABOUT_TO_FALL = vocabulary({ en: ['going to fall', 'about to fall', 'fall off', 'falling', 'hanging by', 'hanging from the wires', 'coming down', 'wobbles so bad', 'gonna fall'], es: ['se va a caer', 'se esta cayendo', 'colgando', 'como que se va a caer', 'a punto de caer'] });
export const WIRES_SHOWING = vocabulary({ en: ['can see the wires', 'see the wires', 'wires showing', 'wires are showing', 'no cover plate', 'cover plate missing', 'missing cover plate', 'no faceplate'], es: ['se ven los cables', 'se ven los alambres', 'sin tapa', 'no tiene tapa'] });
export const EXPOSED = vocabulary({
  en: ['exposed', 'bare', 'hanging', 'dangling', 'loose', 'sticking out', 'frayed', 'uncovered', 'no cover', 'open', 'hanging out', 'pulled out', 'coming out of the wall', 'out of the wall', 'cover missing', 'missing cover'],
  es: ['expuesto', 'expuestos', 'expuesta', 'pelado', 'pelados', 'suelto', 'sueltos', 'colgando', 'al aire', 'al descubierto', 'sin tapa', 'salidos'],
});
export const LIVE_WIRES = vocabulary({ en: ['wire', 'wires', 'wiring', 'junction box', 'electrical box', 'panel cover', 'live wire', 'live wires'], es: ['cable', 'cables', 'alambre', 'alambres', 'cableado'] });
export const APPLIANCE_HEAT = vocabulary({ en: ['stove', 'burner', 'burners', 'oven', 'range', 'cooktop', 'stovetop'], es: ['estufa', 'hornilla', 'hornillas', 'horno', 'quemador'] });
export const STAYS_ON = vocabulary({ en: ['will not turn off', 'can not turn off', 'will not shut off', 'can not shut off', 'stays on', 'stuck on', 'keeps running', 'does not turn off', 'turns on by itself', 'on by itself'], es: ['no se apaga', 'no apaga', 'se queda prendido', 'se queda prendida', 'se queda encendido', 'se queda encendida', 'se prende solo', 'se prende sola'] });
