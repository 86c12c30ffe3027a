import { registerEnumType } from 'type-graphql';

/** Metrology fields (lĩnh vực đo), shared by courses, laboratories and standards (docs/RULES.md, "The register"). */
export enum MetrologyField {
  LENGTH = 'LENGTH',
  MASS = 'MASS',
  VOLUME = 'VOLUME',
  FLOW = 'FLOW',
  PRESSURE = 'PRESSURE',
  FORCE = 'FORCE',
  TEMPERATURE = 'TEMPERATURE',
  HUMIDITY = 'HUMIDITY',
  ELECTRICAL = 'ELECTRICAL',
  TIME_FREQUENCY = 'TIME_FREQUENCY',
  ACOUSTICS_VIBRATION = 'ACOUSTICS_VIBRATION',
  OPTICS_RADIATION = 'OPTICS_RADIATION',
  PHYSICO_CHEMICAL = 'PHYSICO_CHEMICAL',
  OTHER = 'OTHER',
}

registerEnumType(MetrologyField, {
  name: 'MetrologyField',
  description: 'Metrology field (lĩnh vực đo).',
  valuesConfig: {
    LENGTH: { description: 'Độ dài' },
    MASS: { description: 'Khối lượng' },
    VOLUME: { description: 'Dung tích' },
    FLOW: { description: 'Lưu lượng' },
    PRESSURE: { description: 'Áp suất' },
    FORCE: { description: 'Lực' },
    TEMPERATURE: { description: 'Nhiệt độ' },
    HUMIDITY: { description: 'Độ ẩm' },
    ELECTRICAL: { description: 'Điện' },
    TIME_FREQUENCY: { description: 'Thời gian – tần số' },
    ACOUSTICS_VIBRATION: { description: 'Âm học – rung' },
    OPTICS_RADIATION: { description: 'Quang học – bức xạ' },
    PHYSICO_CHEMICAL: { description: 'Hóa lý' },
    OTHER: { description: 'Khác' },
  },
});
