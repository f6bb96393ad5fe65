export const PRIORITIES = ['emergency', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SOURCES = ['sms', 'api', 'preventive', 'import'] as const;
export type WorkOrderSource = (typeof SOURCES)[number];

export const SKILLS = [
  'plumbing',
  'electrical',
  'hvac',
  'appliance',
  'general',
  'locksmith',
  'pest',
  'roofing',
] as const;
export type Skill = (typeof SKILLS)[number];
