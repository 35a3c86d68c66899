import { Module } from '@nestjs/common';
import { BankHolidayRepository } from './bank-holiday.repository';
import { BankHolidayService } from './bank-holiday.service';

/** Bank holidays as reference data for the screening calendar (the controller sits with the Schedule it updates). */
@Module({ providers: [BankHolidayRepository, BankHolidayService], exports: [BankHolidayService] })
export class BankHolidayModule {}
