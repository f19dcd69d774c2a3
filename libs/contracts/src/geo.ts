import { IsNumber, Max, Min } from 'class-validator';

/** A position in WGS 84 degrees, range-checked. */
export class GeoPoint {
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng!: number;
}
