import { IsArray, IsOptional, IsString } from 'class-validator';

/** What AI extraction pulls out of a review. */
export class ReviewTopics {
  @IsOptional() @IsArray() @IsString({ each: true }) topics?: string[];
}
